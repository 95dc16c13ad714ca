package io.leadline.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.leadline.http.GatewayEvents;

import java.util.Map;

/** API Gateway HTTP API (payload 2.0) events for tests that call a function as API Gateway does. */
public final class ApiGatewayEvents {

    private ApiGatewayEvents() {
    }

    /** An API Gateway HTTP API (payload 2.0) event, as API Gateway would send it. */
    public static APIGatewayV2HTTPEvent event(String method, String routePath, Map<String, String> pathParams,
                                              Map<String, String> query, Map<String, String> headers, String body,
                                              boolean base64, Map<String, String> claims) {
        return GatewayEvents.event(method, routePath, pathParams, query, headers, body, base64, claims);
    }
}
