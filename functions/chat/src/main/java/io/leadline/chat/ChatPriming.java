package io.leadline.chat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.leadline.crypto.EncryptionWarmUp;
import io.leadline.http.GatewayEvents;
import io.leadline.http.Priming;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The chat function's priming (see {@link Priming}): a start with a flow that does not exist, and a
 * read and a message for a conversation that does not exist (each a real DynamoDB read that finds
 * nothing), plus an encryption round trip. Nothing is written.
 */
public final class ChatPriming {

    private final ChatApi api;
    private final EncryptionWarmUp encryption;

    @Inject
    public ChatPriming(ChatApi api, EncryptionWarmUp encryption) {
        this.api = api;
        this.encryption = encryption;
    }

    public Priming priming() {
        return new Priming(api, ChatPriming::requests, encryption);
    }

    static List<APIGatewayV2HTTPEvent> requests() {
        Map<String, String> json = Map.of("content-type", "application/json");
        Map<String, String> id = Map.of("id", UUID.randomUUID().toString());
        Map<String, String> bearer = Map.of("content-type", "application/json",
                "authorization", "Bearer " + UUID.randomUUID() + UUID.randomUUID());
        return List.of(
                GatewayEvents.event("POST", ChatRoutes.START.path(), Map.of(), null, json,
                        "{\"flowId\":\"priming-no-such-flow\",\"locale\":\"en\"}", false, null),
                GatewayEvents.event("GET", ChatRoutes.RESUME.path(), id, null, bearer, null, false, null),
                GatewayEvents.event("POST", ChatRoutes.MESSAGE.path(), id, null, bearer,
                        "{\"text\":\"priming\",\"clientMessageId\":\"priming\"}", false, null));
    }
}
