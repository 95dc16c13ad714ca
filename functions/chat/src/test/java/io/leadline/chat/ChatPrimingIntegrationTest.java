package io.leadline.chat;

import io.leadline.http.Priming;
import io.leadline.testing.Hostile;
import io.leadline.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SnapStart priming runs the chat's real request path against DynamoDB Local and writes nothing. */
class ChatPrimingIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void primingAnswersEveryRequestWithARefusalAndLeavesEveryTableAsItWas() {
        TestEnvironment env = TestEnvironment.create(dir);
        TestChatComponent component = DaggerTestChatComponent.factory().create(env.config, env.platform);
        new ChatClient(component.api()).leaveLead("Ana Pereira", "ana@example.com", "+84901234567");
        var before = Hostile.snapshot(env);

        for (var request : ChatPriming.requests()) {
            int status = component.api().apply(request).getStatusCode();
            assertTrue(status >= 400 && status < 500, "a refusal, not a fault or a success: " + status);
        }
        Priming priming = component.priming().priming();
        assertEquals(ChatPriming.requests().size() * Priming.ROUNDS, priming.prime(), "every priming request answered, every round");

        assertEquals(before, Hostile.snapshot(env), "priming wrote nothing");
    }
}
