package io.leadline.chat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadline.http.Priming;

/**
 * The same function as a plain Lambda handler, without Spring: kept so the cost of the Spring
 * Cloud Function layer can be measured side by side (see BENCHMARKS.md).
 */
public final class ChatHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ChatApi api;
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
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.apply(event);
    }
}
