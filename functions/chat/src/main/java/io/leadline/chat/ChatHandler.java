package io.leadline.chat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * The same function as a plain Lambda handler, without Spring: kept so the cost of the Spring
 * Cloud Function layer can be measured side by side (see BENCHMARKS.md).
 */
public final class ChatHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ChatApi api;

    public ChatHandler() {
        this(ChatComponent.fromEnvironment().api());
    }

    ChatHandler(ChatApi api) {
        this.api = api;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.apply(event);
    }
}
