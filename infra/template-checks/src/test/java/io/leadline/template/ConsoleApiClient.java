package io.leadline.template;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadline.http.HttpRoute;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Console API events as API Gateway sends them after its JWT authorizer accepted the caller's token. */
final class ConsoleApiClient {

    /** A signed-in console user, as the JWT authorizer hands the claims on. */
    record Caller(String sub, String username, String groups) {
    }

    record Response(int status, JsonNode body) {
    }

    private final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function;
    private final ObjectMapper json = new ObjectMapper();

    ConsoleApiClient(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function) {
        this.function = function;
    }

    Response get(Caller caller, HttpRoute route, Map<String, String> params, Map<String, String> query) {
        return send(caller, route, params, query, null);
    }

    Response post(Caller caller, HttpRoute route, Map<String, String> params, String body) {
        return send(caller, route, params, Map.of(), body);
    }

    Response patch(Caller caller, HttpRoute route, Map<String, String> params, String body) {
        return send(caller, route, params, Map.of(), body);
    }

    Response send(Caller caller, HttpRoute route, Map<String, String> params, Map<String, String> query, String body) {
        String path = route.path();
        for (var p : params.entrySet()) {
            path = path.replace("{" + p.getKey() + "}", p.getValue());
        }
        Map<String, String> claims = Map.of("sub", caller.sub(), "cognito:username", caller.username(),
                "cognito:groups", caller.groups(), "token_use", "id");
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(path)
                .withHeaders(Map.of("content-type", "application/json"))
                .withPathParameters(params.isEmpty() ? null : params)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(UUID.randomUUID().toString())
                        .withRouteKey(route.routeKey())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build())
                                .build())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(route.method()).withPath(path).withSourceIp("127.0.0.1").build())
                        .build())
                .build();
        APIGatewayV2HTTPResponse response = function.apply(event);
        try {
            String text = response.getBody();
            return new Response(response.getStatusCode(), text == null || text.isEmpty() ? json.createObjectNode() : json.readTree(text));
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }
}
