package io.leadline.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadline.users.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * web/tests/funnel.e2e.mjs in headless Chromium against the local product: visitors chat through the
 * widget, a manager works their leads, and the console's funnel view shows exactly those numbers (see
 * the script). This class makes the manager and the rep, then checks the events the numbers were
 * counted from: one per thing that happened, and nothing in them that names a person.
 */
class FunnelBrowserE2ETest {

    /** What the script's visitors type; none of it may reach the events or the counters. */
    static final List<String> PERSONAL = List.of("Dara Quinn", "dara.quinn@example.net", "905552201",
            "Elio Ruiz", "elio.ruiz@example.net", "905552202", "Fay Soto", "fay.soto@example.net", "905552203");

    @TempDir
    Path data;

    private LocalProduct product;

    @RegisterExtension
    final RunningProduct running = new RunningProduct();

    @Test
    void theFunnelViewShowsWhatVisitorsAndTheTeamDid() throws Exception {
        product = running.start(data);
        Map<String, Object> context = Map.of(
                "manager", known("mai.manager", Role.SALES_MANAGER, "Manager-Passw0rd!", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
                "rep", known("binh.rep", Role.SALES_REP, "Binh-Passw0rd!!", "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"));

        BrowserScript.run("funnel.e2e.mjs", "http://127.0.0.1:" + product.port(),
                Map.of("LEADLINE_FUNNEL_E2E", new ObjectMapper().writeValueAsString(context)));

        // One event per thing that happened: 6 visitors, 5 of whom answered, 4 asked for consent…
        List<Map<String, AttributeValue>> events = RawTables.items(product, product.config().tables().events());
        Map<String, Long> byType = events.stream().collect(Collectors.groupingBy(e -> e.get("type").s(), TreeMap::new,
                Collectors.counting()));
        assertEquals(new TreeMap<>(Map.of("widget_opened", 6L, "chat_started", 5L, "consent_granted", 3L,
                "consent_declined", 1L, "lead_captured", 3L, "contacted", 2L, "qualified", 2L, "won", 1L, "lost", 1L,
                // nodes reached: 2 (left at once) + 3 (left at consent) + 4 (declined) + 3 × 7 (leads)
                "node_reached", 30L)), byType);

        // …and none of them, nor the counters made from them, holds what a visitor typed.
        String stored = events + "\n" + RawTables.items(product, product.config().tables().analytics());
        List<String> found = PERSONAL.stream().filter(p -> stored.toLowerCase().contains(p.toLowerCase())).toList();
        assertEquals(List.of(), found, "personal data in the funnel's events or counters");
        assertFalse(events.stream().anyMatch(e -> e.containsKey("name") || e.containsKey("email") || e.containsKey("phone")),
                "no personal attribute on an event");
    }

    /** A user whose sign-in is not the point: a known password and authenticator secret. */
    private Map<String, String> known(String username, Role role, String password, String totpSecret) {
        String id = product.users().create(username, role).user().id();
        product.users().setPassword(id, password.toCharArray());
        product.users().setTotpSecret(id, totpSecret);
        return Map.of("username", username, "password", password, "totpSecret", totpSecret);
    }
}
