package io.leadline.chat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.leadline.http.GatewayStreams;
import io.leadline.http.Priming;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The same function as a plain Lambda handler, without Spring: kept so the cost of the Spring
 * Cloud Function layer can be measured side by side (see BENCHMARKS.md).
 */
public final class ChatHandler implements RequestStreamHandler {

    private final ChatApi api;
    /** Events and answers as JSON streams: spares the runtime client's own Jackson (see GatewayStreams). */
    private final GatewayStreams streams = new GatewayStreams();
    /** Held here: CRaC keeps registered resources only weakly. */
    private final Priming priming;

    public ChatHandler() {
        this(ChatComponent.fromEnvironment());
    }

    private ChatHandler(ChatComponent graph) {
        this.api = graph.api();
        this.priming = graph.priming().priming().register(System.getenv());
    }

    @Override
    public void handleRequest(InputStream event, OutputStream answer, Context context) throws IOException {
        streams.serve(event, answer, api);
    }
}
