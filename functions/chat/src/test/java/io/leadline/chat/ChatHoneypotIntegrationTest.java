package io.leadline.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadline.leads.Lead;
import io.leadline.testing.CapturedLogs;
import io.leadline.testing.StoredPlaintext;
import io.leadline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A form bot that fills the widget's honeypot field, beside a person chatting at the same time, on
 * DynamoDB Local: the bot gets the very answers the person gets, and leaves no lead, no personal data,
 * no subject key and no consent proof; the person's lead is captured as usual.
 */
class ChatHoneypotIntegrationTest {

    private static final String PERSON_NAME = "Nguyễn Thị Minh Khai";
    private static final String BOT_NAME = "Cheap Pills Online";
    private static final String BOT_EMAIL = "pills@spam.example";
    private static final String BOT_PHONE = "0977 111 222";

    @TempDir
    Path dir;

    private TestEnvironment env;
    private TestChatComponent component;
    private ChatClient chat;

    @BeforeEach
    void setUp() {
        env = TestEnvironment.create(dir);
        component = DaggerTestChatComponent.factory().create(env.config, env.platform);
        chat = new ChatClient(component.api());
    }

    @Test
    void aBotGetsTheUsualAnswersButLeavesNoLeadWhileAPersonBesideItDoes() {
        String[] person = start();
        String[] bot = start();
        List<String> personTurns = turns(PERSON_NAME, "minh.khai@example.vn", "0912 345 678");
        List<String> botTurns = turns(BOT_NAME, BOT_EMAIL, BOT_PHONE);
        String logs;
        try (CapturedLogs captured = CapturedLogs.start()) {
            for (int i = 0; i < personTurns.size(); i++) {
                var toPerson = chat.message(person[0], person[1], body(personTurns.get(i), "", i));
                var toBot = chat.message(bot[0], bot[1], body(botTurns.get(i), "https://cheap-pills.example", i));
                assertEquals(200, toBot.status(), toBot.body().toString());
                assertEquals(toPerson.body(), toBot.body(), "the bot is answered as the person is, turn " + i);
                var retried = chat.message(bot[0], bot[1], body(botTurns.get(i), "https://cheap-pills.example", i));
                assertEquals(toBot.body(), retried.body(), "a retried bot turn gets the same answer");
            }
            logs = captured.text();
        }
        assertEquals("end", chat.resume(bot[0], bot[1]).body().path("prompt").path("type").asText());

        List<Map<String, AttributeValue>> leads = env.rawItems(env.config.tables().leads());
        assertEquals(1, leads.size(), "the person's lead only");
        Lead lead = component.leads().find(leads.get(0).get("id").s()).orElseThrow();
        assertEquals(PERSON_NAME, component.leadCapture().reveal(lead).get("contact").get("name").orElseThrow());
        assertEquals(List.of(person[0]), lead.conversationIds());

        Map<String, AttributeValue> conversation = conversationItem(bot[0]);
        assertEquals("honeypot", conversation.get("botSignal").s());
        for (String absent : List.of("subjectId", "emailIndex", "phoneIndex", "leadId")) {
            assertNull(conversation.get(absent), "the bot's conversation has no " + absent);
        }
        assertTrue(!conversation.containsKey("personal") || conversation.get("personal").m().isEmpty(), "no personal data");
        long unconsented = env.clock.instant().plus(Duration.ofHours(24)).getEpochSecond();
        assertTrue(Long.parseLong(conversation.get("expiresAt").n()) <= unconsented, "the short unconsented retention");
        assertEquals(List.of(), consentRecords(bot[0]), "no consent proof for the bot");
        assertEquals(1, consentRecords(person[0]).size(), "the person's consent is recorded");
        assertEquals(1, env.rawItems(env.config.tables().keys()).stream().filter(k -> "subject".equals(k.get("kind").s())).count(),
                "one subject key: the person's");
        StoredPlaintext.assertNowhere(env.dynamo, env.allTables(), BOT_NAME, "Cheap", BOT_EMAIL, "spam.example", "977111222", "977 111 222", "cheap-pills");
        assertEquals(1, occurrences(logs, "\"ChatBotsCaught\":1"), "one metric for the one bot caught");
        for (String secret : List.of(BOT_NAME, BOT_EMAIL, PERSON_NAME)) {
            assertFalse(logs.contains(secret), "a log line holds " + secret);
        }
    }

    @Test
    void aBotCaughtLateLosesWhatItHadLeftAndItsConsentIsClosed() {
        String[] bot = start();
        List<String> turns = turns(BOT_NAME, BOT_EMAIL, BOT_PHONE);
        // Looks like a person up to its name (consent recorded, a subject key, its name sealed), then fills the trap.
        for (int i = 0; i < 3; i++) {
            assertEquals(200, chat.message(bot[0], bot[1], body(turns.get(i), "", i)).status());
        }
        String subjectId = conversationItem(bot[0]).get("subjectId").s();
        assertEquals(200, chat.message(bot[0], bot[1], body(turns.get(3), "x", 3)).status());

        Map<String, AttributeValue> conversation = conversationItem(bot[0]);
        assertEquals("honeypot", conversation.get("botSignal").s());
        assertNull(conversation.get("subjectId"));
        assertTrue(env.rawItems(env.config.tables().keys()).stream().noneMatch(k -> k.get("id").s().endsWith(subjectId)),
                "the subject key is destroyed");
        assertTrue(env.rawItems(env.config.tables().conversations()).stream()
                .noneMatch(i -> i.containsKey("inputSealed")), "the sealed name is deleted");
        assertEquals(List.of("GRANTED", "WITHDRAWN"), consentRecords(bot[0]).stream().map(r -> r.get("decision").s()).toList(),
                "the consent it gave is closed");

        assertEquals(200, chat.message(bot[0], bot[1], body(turns.get(4), "", 4)).status(), "caught once, caught for good");
        assertEquals(0, env.rawItems(env.config.tables().leads()).size());
        assertEquals(204, chat.erase(bot[0], bot[1]).status());
        assertEquals(2, consentRecords(bot[0]).size(), "its \"forget me\" has no consent left to withdraw");
        StoredPlaintext.assertNowhere(env.dynamo, env.allTables(), BOT_NAME, "Cheap", BOT_EMAIL, "977111222");
    }

    private String[] start() {
        JsonNode s = chat.start("website-lead", "en").body();
        return new String[]{s.path("conversationId").asText(), s.path("token").asText()};
    }

    /** The website-lead flow's answers, as the JSON members of a message. */
    private static List<String> turns(String name, String email, String phone) {
        return List.of("\"choice\":\"demo\"", "\"consent\":{\"purpose\":\"contact\",\"granted\":true}",
                "\"text\":\"" + name + "\"", "\"text\":\"" + email + "\"", "\"text\":\"" + phone + "\"");
    }

    /** A message as the widget sends it: the honeypot field always present, empty unless something filled it. */
    private static String body(String input, String website, int turn) {
        return "{" + input + ",\"website\":\"" + website + "\",\"clientMessageId\":\"m-" + turn + "\"}";
    }

    private Map<String, AttributeValue> conversationItem(String id) {
        return env.rawItems(env.config.tables().conversations()).stream()
                .filter(i -> id.equals(i.get("id").s()) && "conversation".equals(i.get("sk").s())).findFirst().orElseThrow();
    }

    private List<Map<String, AttributeValue>> consentRecords(String conversationId) {
        return env.rawItems(env.config.tables().consent()).stream()
                .filter(r -> conversationId.equals(r.get("conversationId").s()))
                .sorted(java.util.Comparator.comparing(r -> r.get("sk").s())).toList();
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
