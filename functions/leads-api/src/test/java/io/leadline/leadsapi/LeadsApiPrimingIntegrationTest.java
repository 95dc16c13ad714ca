package io.leadline.leadsapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadline.http.Priming;
import io.leadline.testing.Hostile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SnapStart priming runs the console API's real request path against DynamoDB Local, writes and reveals nothing. */
class LeadsApiPrimingIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void primingListsNothingFindsNothingAndLeavesEveryTableAsItWas() throws Exception {
        Console console = new Console(dir);
        console.lead("Ana Pereira", "ana@example.com", "+84901234567", console.repAId);
        var before = Hostile.snapshot(console.env);

        var requests = LeadsApiPriming.requests();
        var list = console.component.api().apply(requests.get(0));
        assertEquals(200, list.getStatusCode());
        assertEquals("[]", new ObjectMapper().readTree(list.getBody()).path("leads").toString(), "a rep nobody knows owns no lead");
        assertEquals(404, console.component.api().apply(requests.get(1)).getStatusCode());
        Priming priming = console.component.priming().priming();
        assertEquals(requests.size() * Priming.ROUNDS, priming.prime(), "every priming request answered, every round");

        assertEquals(before, Hostile.snapshot(console.env), "priming wrote nothing (no audit entry either: nothing was revealed)");
    }
}
