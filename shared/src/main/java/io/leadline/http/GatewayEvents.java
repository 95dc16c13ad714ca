package io.leadline.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.util.Map;
import java.util.UUID;

/** API Gateway HTTP API (payload 2.0) events built in code: for priming, and for tests that call a function as API Gateway does. */
public final class GatewayEvents {

    private GatewayEvents() {
    }

    /** An event as API Gateway would send it; claims are what its JWT authorizer passes on (null: none). */
    public static APIGatewayV2HTTPEvent event(String method, String routePath, Map<String, String> pathParams,
                                              Map<String, String> query, Map<String, String> headers, String body,
                                              boolean base64, Map<String, String> claims) {
        String path = routePath;
        for (var p : pathParams.entrySet()) {
            path = path.replace("{" + p.getKey() + "}", p.getValue());
        }
        String routeKey = method + " " + routePath;
        var ctx = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRequestId(UUID.randomUUID().toString())
                .withRouteKey(routeKey)
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(method).withPath(path).withSourceIp("127.0.0.1").build());
        if (claims != null) {
            ctx.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build())
                    .build());
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(path)
                .withHeaders(headers)
                .withPathParameters(pathParams.isEmpty() ? null : pathParams)
                .withQueryStringParameters(query == null || query.isEmpty() ? null : query)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(ctx.build())
                .build();
    }
}
