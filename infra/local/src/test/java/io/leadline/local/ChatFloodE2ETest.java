package io.leadline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A script floods one conversation through the local gateway: past the conversation's burst it gets
 * 429 with Retry-After, as from the HTTP API's throttling, and a visitor chatting meanwhile in another
 * conversation is answered every time.
 */
class ChatFloodE2ETest {

    @TempDir
    Path data;

    private LocalProduct product;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @RegisterExtension
    final RunningProduct running = new RunningProduct();

    @Test
    void aFloodedConversationIsThrottledAndAnotherIsNot() throws Exception {
        product = running.start(data);
        JsonNode flooded = start();
        JsonNode visitor = start();

        int throttled = 0;
        int answered = 0;
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = message(flooded, "{\"text\":\"spam " + i + "\"}");
            if (r.statusCode() == 429) {
                throttled++;
                assertEquals("1", r.headers().firstValue("retry-after").orElseThrow());
                assertEquals("{\"message\":\"Too Many Requests\"}", r.body());
            } else {
                answered++;
                assertTrue(r.statusCode() < 500, r.body());
            }
        }
        assertTrue(throttled >= 30 - ChatRateLimits.PER_CONVERSATION.burst() - 2, "throttled " + throttled);
        assertTrue(answered <= ChatRateLimits.PER_CONVERSATION.burst() + 2, "answered " + answered);

        // Meanwhile the other visitor goes through the whole flow undisturbed.
        assertEquals(200, message(visitor, "{\"choice\":\"demo\"}").statusCode());
        assertEquals(200, message(visitor, "{\"consent\":{\"purpose\":\"contact\",\"granted\":true}}").statusCode());
        assertEquals(200, message(visitor, "{\"text\":\"An Visitor\"}").statusCode());
        assertEquals(200, message(visitor, "{\"text\":\"an.visitor@example.vn\"}").statusCode());
        HttpResponse<String> end = message(visitor, "{\"text\":\"0912 345 678\"}");
        assertEquals(200, end.statusCode());
        assertEquals("end", json.readTree(end.body()).path("prompt").path("type").asText());
    }

    private JsonNode start() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(product.baseUrl() + "/chat/conversations"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"flowId\":\"website-lead\",\"locale\":\"en\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return json.readTree(r.body());
    }

    private HttpResponse<String> message(JsonNode conversation, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(product.baseUrl() + "/chat/conversations/"
                        + conversation.path("conversationId").asText() + "/messages"))
                .header("content-type", "application/json")
                .header("authorization", "Bearer " + conversation.path("token").asText())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
