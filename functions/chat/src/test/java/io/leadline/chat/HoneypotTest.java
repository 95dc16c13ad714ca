package io.leadline.chat;

import io.leadline.http.ApiException;
import io.leadline.http.HttpRequest;
import io.leadline.http.JsonBodies;
import io.leadline.testing.ApiGatewayEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The honeypot field as the chat API reads it: empty or absent is a person, anything else a bot, never an error. */
class HoneypotTest {

    private final ChatRequests requests = new ChatRequests(new JsonBodies(JsonBodies.strictMapper()));

    @ParameterizedTest
    @ValueSource(strings = {"{\"text\":\"hi\"}", "{\"text\":\"hi\",\"website\":\"\"}", "{\"choice\":\"demo\",\"website\":null}",
            "{\"consent\":{\"purpose\":\"contact\",\"granted\":true},\"website\":\"\",\"clientMessageId\":\"m-1\"}"})
    void absentOrEmptyIsAPerson(String body) {
        assertFalse(message(body).automated(), body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"text\":\"hi\",\"website\":\"https://cheap-pills.example\"}", "{\"text\":\"hi\",\"website\":\" \"}",
            "{\"choice\":\"demo\",\"website\":0}", "{\"choice\":\"demo\",\"website\":false}", "{\"choice\":\"demo\",\"website\":{}}",
            "{\"choice\":\"demo\",\"website\":[\"x\"]}"})
    void anyOtherValueIsABotAndIsAcceptedAsUsual(String body) {
        ChatRequests.Message message = message(body);
        assertTrue(message.automated(), body);
        assertTrue(message.input() != null, "the message itself is read as usual");
    }

    @Test
    void otherUnknownFieldsAreStillRefused() {
        ApiException e = assertThrows(ApiException.class, () -> message("{\"text\":\"hi\",\"homepage\":\"x\"}"));
        assertEquals("unknown_field", e.code());
        assertTrue(e.getMessage().contains(Honeypot.FIELD), "the refusal lists the fields a message takes: " + e.getMessage());
    }

    private ChatRequests.Message message(String body) {
        return requests.message(new HttpRequest(ApiGatewayEvents.event(ChatRoutes.MESSAGE.method(), ChatRoutes.MESSAGE.path(),
                Map.of("id", "c"), Map.of(), Map.of("content-type", "application/json"), body, false, null)));
    }
}
