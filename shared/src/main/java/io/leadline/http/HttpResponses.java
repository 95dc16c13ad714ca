package io.leadline.http;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/** JSON responses with the headers every API answer carries. */
@Singleton
public final class HttpResponses {

    private static final Map<String, String> HEADERS = Map.of(
            "content-type", "application/json; charset=utf-8",
            "cache-control", "no-store",
            "x-content-type-options", "nosniff");

    private final ObjectMapper json;

    @Inject
    public HttpResponses(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode object() {
        return json.createObjectNode();
    }

    public APIGatewayV2HTTPResponse json(int status, JsonNode body) {
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(status)
                    .withHeaders(HEADERS)
                    .withBody(json.writeValueAsString(body))
                    .withIsBase64Encoded(false)
                    .build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise response", e);
        }
    }

    /** A body that is already JSON (a stored reply, replayed byte for byte). */
    public APIGatewayV2HTTPResponse rawJson(int status, String body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(HEADERS)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }

    public APIGatewayV2HTTPResponse noContent() {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(204)
                .withHeaders(Map.of("cache-control", "no-store"))
                .withIsBase64Encoded(false)
                .build();
    }

    /** The API's error format: {@code {"error":{"code","message","requestId"}}}. */
    public APIGatewayV2HTTPResponse error(int status, String code, String message, String requestId) {
        ObjectNode body = object();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.put("requestId", requestId);
        return json(status, body);
    }
}
