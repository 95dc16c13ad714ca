package io.leadline.leadsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadline.audit.AuditEntry;
import io.leadline.chat.ChatClient;
import io.leadline.chat.DaggerChatComponent;
import io.leadline.crypto.UnreadableDataException;
import io.leadline.leads.Lead;
import io.leadline.testing.TestEnvironment;
import io.leadline.users.LocalUserDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.leadline.leadsapi.ConsoleClient.User;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data-subject export and erasure through the console API, on DynamoDB Local. */
class PrivacyApiIntegrationTest {

    private static final String NAME = "Phạm Thị Hương";
    private static final String EMAIL = "huong.pham@example.vn";
    private static final String PHONE = "0903 456 789";

    @TempDir
    Path dir;

    private TestEnvironment env;
    private TestLeadsApiComponent console;
    private ConsoleClient api;
    private ChatClient chat;

    @BeforeEach
    void setUp() {
        env = TestEnvironment.create(dir);
        console = DaggerTestLeadsApiComponent.factory().create(env.config, env.platform,
                new LocalUserDirectory(dir.resolve("users.json"), new java.security.SecureRandom(), env.clock));
        api = new ConsoleClient(console.api());
        chat = new ChatClient(DaggerChatComponent.factory().create(env.config, env.platform).api());
    }

    @Test
    void anAdministratorExportsEverythingHeldAboutAPersonDecrypted() {
        String[] conversation = chat.leaveLead(NAME, EMAIL, PHONE);
        String[] abandoned = abandonAfterEmail(EMAIL);

        var export = api.post(User.admin(), LeadsApiRoutes.PRIVACY_EXPORT, "{\"email\":\"HUONG.PHAM@example.vn\"}");
        assertEquals(200, export.status(), export.body().toString());
        JsonNode lead = export.body().path("leads").get(0);
        assertEquals(NAME, lead.path("personal").path("contact").path("name").asText());
        assertEquals("+84903456789", lead.path("personal").path("contact").path("phone").asText());
        List<String> conversationIds = export.body().path("conversations").findValuesAsText("id");
        assertTrue(conversationIds.containsAll(List.of(conversation[0], abandoned[0])), conversationIds.toString());
        JsonNode abandonedOut = find(export.body().path("conversations"), abandoned[0]);
        assertEquals(EMAIL, abandonedOut.path("personal").path("contact").path("email").asText());
        assertTrue(abandonedOut.path("transcript").findValuesAsText("text").contains(NAME), "transcript, decrypted");
        assertTrue(export.body().path("consentRecords").size() >= 2);

        var byPhone = api.post(User.admin(), LeadsApiRoutes.PRIVACY_EXPORT, "{\"phone\":\"+84 903 456 789\"}");
        assertEquals(lead.path("id").asText(), byPhone.body().path("leads").get(0).path("id").asText());

        AuditEntry audit = console.audit().head().orElseThrow();
        assertEquals("subject.export", audit.action());
        assertEquals("user:u-admin", audit.actor());
        assertFalse(audit.toString().contains("huong") || audit.toString().contains("903456789"), "no personal data in the audit log");
    }

    @Test
    void erasureRemovesEverythingAndBackupCopiesCanNoLongerBeRead() {
        chat.leaveLead(NAME, EMAIL, PHONE);
        abandonAfterEmail(EMAIL);
        var leadItem = env.rawItems(env.config.tables().leads()).get(0);
        Lead before = console.leads().find(leadItem.get("id").s()).orElseThrow();
        assertEquals(NAME, console.leadCapture().reveal(before).get("contact").get("name").orElseThrow());

        var erased = api.post(User.admin(), LeadsApiRoutes.PRIVACY_ERASE, "{\"email\":\"" + EMAIL + "\"}");
        assertEquals(200, erased.status(), erased.body().toString());
        assertEquals(1, erased.body().path("erased").path("leads").asInt());
        assertEquals(2, erased.body().path("erased").path("conversations").asInt());

        assertTrue(env.rawItems(env.config.tables().leads()).isEmpty());
        assertTrue(env.rawItems(env.config.tables().conversations()).isEmpty(), "conversations and their blind indexes");
        assertTrue(env.rawItems(env.config.tables().keys()).stream().noneMatch(i -> "subject".equals(i.get("kind").s())));
        var decisions = env.rawItems(env.config.tables().consent()).stream().map(i -> i.get("decision").s()).sorted().toList();
        assertEquals(List.of("GRANTED", "GRANTED", "WITHDRAWN", "WITHDRAWN"), decisions,
                "consent proof reduced to: it existed, and it was withdrawn");
        var again = api.post(User.admin(), LeadsApiRoutes.PRIVACY_EXPORT, "{\"email\":\"" + EMAIL + "\"}");
        assertEquals(0, again.body().path("leads").size());
        assertEquals(0, again.body().path("conversations").size());

        // A point-in-time restore brings the item back; its key does not come back with it.
        env.dynamo.putItem(b -> b.tableName(env.config.tables().leads()).item(leadItem));
        Lead restored = console.leads().find(leadItem.get("id").s()).orElseThrow();
        assertThrows(UnreadableDataException.class, () -> console.leadCapture().reveal(restored));
        AuditEntry erasure = console.audit().newest(10, null).stream().filter(e -> e.action().equals("subject.erase"))
                .findFirst().orElseThrow();
        assertEquals(Map.of("conversations", "2", "leads", "1", "items", erasure.details().get("items"), "keys", "2"),
                erasure.details(), "erasure audited as counts");
    }

    @Test
    void onlyAdministratorsReachDataSubjectRights() {
        chat.leaveLead(NAME, EMAIL, PHONE);
        String body = "{\"email\":\"" + EMAIL + "\"}";
        assertEquals(403, api.post(User.rep("an"), LeadsApiRoutes.PRIVACY_EXPORT, body).status());
        assertEquals(403, api.post(User.manager(), LeadsApiRoutes.PRIVACY_ERASE, body).status());
        assertEquals(401, api.post(null, LeadsApiRoutes.PRIVACY_EXPORT, body).status());
        assertEquals(403, api.post(new User("u-x", "x", "[]"), LeadsApiRoutes.PRIVACY_EXPORT, body).status());
        assertEquals(1, env.rawItems(env.config.tables().leads()).size(), "nothing erased");
    }

    @Test
    void badRequestsAreClear4xx() {
        assertEquals("missing_field", api.post(User.admin(), LeadsApiRoutes.PRIVACY_ERASE, "{}").code());
        assertEquals("invalid_field", api.post(User.admin(), LeadsApiRoutes.PRIVACY_ERASE, "{\"email\":\"nope\"}").code());
        assertEquals("invalid_field", api.post(User.admin(), LeadsApiRoutes.PRIVACY_ERASE, "{\"phone\":\"12\"}").code());
        assertEquals("unknown_field", api.post(User.admin(), LeadsApiRoutes.PRIVACY_ERASE, "{\"name\":\"x\"}").code());
        assertEquals(413, api.post(User.admin(), LeadsApiRoutes.PRIVACY_ERASE, "{\"email\":\"" + "a".repeat(3000) + "\"}").status());
        assertEquals("invalid_json", api.post(User.admin(), LeadsApiRoutes.PRIVACY_ERASE, "{").code());
    }

    /** A visitor who consents, gives name and e-mail, and leaves before the phone question. */
    private String[] abandonAfterEmail(String email) {
        var s = chat.start("website-lead", "en");
        String id = s.body().path("conversationId").asText();
        String token = s.body().path("token").asText();
        chat.choice(id, token, "pricing");
        chat.consent(id, token, "contact", true);
        chat.text(id, token, NAME);
        assertEquals("phone", chat.text(id, token, email).body().path("prompt").path("type").asText());
        return new String[]{id, token};
    }

    private static JsonNode find(JsonNode array, String id) {
        for (JsonNode n : array) {
            if (id.equals(n.path("id").asText())) {
                return n;
            }
        }
        throw new AssertionError("no " + id);
    }

}
