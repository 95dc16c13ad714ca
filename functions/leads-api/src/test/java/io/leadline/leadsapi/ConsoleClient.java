package io.leadline.leadsapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadline.http.HttpRoute;
import io.leadline.testing.ApiGatewayEvents;

import java.util.Map;
import java.util.function.Function;

/**
 * Sends console API events as API Gateway does after its JWT authorizer accepted the token: the
 * verified claims ride along in requestContext.authorizer.jwt.claims.
 */
public final class ConsoleClient {

    public record Response(int status, JsonNode body) {
        public String code() {
            return body.path("error").path("code").asText();
        }
    }

    /** A signed-in user as the authorizer would describe them; null claims means no authorizer context. */
    public record User(String sub, String username, String groups) {
        public static User admin() {
            return new User("u-admin", "admin", "[admin]");
        }

        public static User manager() {
            return new User("u-manager", "manager", "[sales-manager]");
        }

        public static User rep(String name) {
            return new User("u-" + name, name, "[sales-rep]");
        }
    }

    private final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function;
    private final ObjectMapper json = new ObjectMapper();

    public ConsoleClient(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function) {
        this.function = function;
    }

    public Response send(User user, HttpRoute route, Map<String, String> params, Map<String, String> query, String body) {
        Map<String, String> claims = user == null ? null : Map.of("sub", user.sub(), "cognito:username", user.username(),
                "cognito:groups", user.groups(), "token_use", "id");
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.event(route.method(), route.path(), params, query,
                Map.of("content-type", "application/json"), body, false, claims);
        APIGatewayV2HTTPResponse response = function.apply(event);
        try {
            JsonNode parsed = response.getBody() == null || response.getBody().isEmpty()
                    ? json.createObjectNode() : json.readTree(response.getBody());
            return new Response(response.getStatusCode(), parsed);
        } catch (Exception e) {
            throw new AssertionError("response is not JSON: " + response.getBody(), e);
        }
    }

    public Response post(User user, HttpRoute route, String body) {
        return send(user, route, Map.of(), Map.of(), body);
    }

    public Response get(User user, HttpRoute route, Map<String, String> params, Map<String, String> query) {
        return send(user, route, params, query, null);
    }

    /** A request with a body (the method is the route's: POST or PATCH). */
    public Response call(User user, HttpRoute route, Map<String, String> params, String body) {
        return send(user, route, params, Map.of(), body);
    }
}
