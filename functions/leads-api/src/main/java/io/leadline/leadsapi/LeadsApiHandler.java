package io.leadline.leadsapi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.leadline.http.GatewayStreams;
import io.leadline.http.Priming;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The console API as a plain Lambda handler, for measuring the Spring layer's cost side by side. */
public final class LeadsApiHandler implements RequestStreamHandler {

    private final LeadsApi api;
    /** Events and answers as JSON streams: spares the runtime client's own Jackson (see GatewayStreams). */
    private final GatewayStreams streams = new GatewayStreams();
    /** Held here: CRaC keeps registered resources only weakly. */
    private final Priming priming;

    public LeadsApiHandler() {
        LeadsApiComponent graph = LeadsApiComponent.fromEnvironment();
        this.api = graph.api();
        this.priming = graph.priming().priming().register(System.getenv());
    }

    @Override
    public void handleRequest(InputStream event, OutputStream answer, Context context) throws IOException {
        streams.serve(event, answer, api);
    }
}
