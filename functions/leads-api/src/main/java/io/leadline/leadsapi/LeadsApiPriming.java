package io.leadline.leadsapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.leadline.crypto.EncryptionWarmUp;
import io.leadline.http.GatewayEvents;
import io.leadline.http.Priming;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The console API's priming (see {@link Priming}): a rep nobody knows listing their leads (a real
 * index query that finds none) and a manager opening a lead that does not exist, plus an encryption
 * round trip. Nothing is written and nothing is revealed.
 */
public final class LeadsApiPriming {

    private final LeadsApi api;
    private final EncryptionWarmUp encryption;

    @Inject
    public LeadsApiPriming(LeadsApi api, EncryptionWarmUp encryption) {
        this.api = api;
        this.encryption = encryption;
    }

    public Priming priming() {
        return new Priming(api, LeadsApiPriming::requests, encryption);
    }

    static List<APIGatewayV2HTTPEvent> requests() {
        Map<String, String> rep = Map.of("sub", UUID.randomUUID().toString(), "cognito:username", "priming-rep",
                "cognito:groups", "[sales-rep]");
        Map<String, String> manager = Map.of("sub", UUID.randomUUID().toString(), "cognito:username", "priming-manager",
                "cognito:groups", "[sales-manager]");
        return List.of(
                GatewayEvents.event("GET", LeadsApiRoutes.LEADS.path(), Map.of(), null, Map.of(), null, false, rep),
                GatewayEvents.event("GET", LeadsApiRoutes.LEAD.path(), Map.of("id", UUID.randomUUID().toString()), null,
                        Map.of(), null, false, manager));
    }
}
