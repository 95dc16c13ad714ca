package io.leadline.chat;

import io.leadline.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The root keyring (KMS in AWS, a key file here) is made when personal data first needs a key, not
 * when the graph is built: a greeting's cold start does not pay for the Encryption SDK. Priming makes
 * it, so a SnapStart snapshot holds it. The local key file shows when it was made.
 */
class ChatKeysOnFirstUseIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void aGreetingAndAChoiceMakeNoKeyringAndTheConsentTurnMakesIt() {
        TestEnvironment env = TestEnvironment.create(dir);
        Path rootKey = env.config.localKeyFile().orElseThrow();
        ChatClient chat = new ChatClient(DaggerTestChatComponent.factory().create(env.config, env.platform).api());

        ChatClient.Response start = chat.start("website-lead", "en");
        assertEquals(201, start.status(), start.body().toString());
        String id = start.body().path("conversationId").asText();
        String token = start.body().path("token").asText();
        assertEquals(200, chat.choice(id, token, "demo").status());
        assertFalse(Files.exists(rootKey), "no root keyring before personal data is on its way");

        assertEquals(200, chat.consent(id, token, "contact", true).status());
        assertTrue(Files.exists(rootKey), "the consent turn makes the visitor's key, under the root keyring");
    }

    @Test
    void primingMakesTheRootKeyringSoASnapshotHoldsIt() {
        TestEnvironment env = TestEnvironment.create(dir);
        Path rootKey = env.config.localKeyFile().orElseThrow();
        TestChatComponent component = DaggerTestChatComponent.factory().create(env.config, env.platform);
        assertFalse(Files.exists(rootKey));

        component.priming().priming().prime();

        assertTrue(Files.exists(rootKey));
    }
}
