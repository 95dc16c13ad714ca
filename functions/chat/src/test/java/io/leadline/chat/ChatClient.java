package io.leadline.chat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadline.http.HttpRoute;
import io.leadline.testing.ApiGatewayEvents;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** Sends HTTP API (payload 2.0) events to the chat function, as API Gateway would. */
public final class ChatClient {

    public record Response(int status, JsonNode body, Map<String, String> headers) {
        public String code() {
            return body.path("error").path("code").asText();
        }
    }

    private final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function;
    private final ObjectMapper json = new ObjectMapper();

    public ChatClient(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function) {
        this.function = function;
    }

    public Response start(String flowId, String locale) {
        ObjectNode body = json.createObjectNode().put("flowId", flowId).put("locale", locale).put("source", "test");
        return send(ChatRoutes.START, Map.of(), (String) null, body.toString());
    }

    public Response message(String id, String token, String body) {
        return send(ChatRoutes.MESSAGE, Map.of("id", id), token, body);
    }

    public Response text(String id, String token, String text) {
        return message(id, token, json.createObjectNode().put("text", text).toString());
    }

    public Response choice(String id, String token, String choice) {
        return message(id, token, json.createObjectNode().put("choice", choice).toString());
    }

    public Response consent(String id, String token, String purpose, boolean granted) {
        ObjectNode body = json.createObjectNode();
        body.putObject("consent").put("purpose", purpose).put("granted", granted);
        return message(id, token, body.toString());
    }

    public Response resume(String id, String token) {
        return send(ChatRoutes.RESUME, Map.of("id", id), token, null);
    }

    /** A visitor who goes through website-lead in English and leaves these details; returns {id, token}. */
    public String[] leaveLead(String name, String email, String phone) {
        Response s = start("website-lead", "en");
        String id = s.body().path("conversationId").asText();
        String token = s.body().path("token").asText();
        choice(id, token, "demo");
        consent(id, token, "contact", true);
        text(id, token, name);
        text(id, token, email);
        Response end = text(id, token, phone);
        if (!"end".equals(end.body().path("prompt").path("type").asText())) {
            throw new AssertionError("the visitor did not reach the end: " + end.body());
        }
        return new String[]{id, token};
    }

    public Response erase(String id, String token) {
        return send(ChatRoutes.ERASE, Map.of("id", id), token, null);
    }

    public Response send(HttpRoute route, Map<String, String> params, String token, String body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        if (token != null) {
            headers.put("authorization", "Bearer " + token);
        }
        return sendWithHeaders(route, params, headers, body);
    }

    public Response sendWithHeaders(HttpRoute route, Map<String, String> params, Map<String, String> headers, String body) {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.event(route.method(), route.path(), params, Map.of(), headers, body,
                false, null);
        APIGatewayV2HTTPResponse response = function.apply(event);
        try {
            JsonNode parsed = response.getBody() == null || response.getBody().isEmpty()
                    ? json.createObjectNode() : json.readTree(response.getBody());
            return new Response(response.getStatusCode(), parsed, response.getHeaders());
        } catch (Exception e) {
            throw new AssertionError("response is not JSON: " + response.getBody(), e);
        }
    }
}
