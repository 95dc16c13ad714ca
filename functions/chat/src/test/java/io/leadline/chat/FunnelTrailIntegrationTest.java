package io.leadline.chat;

import io.leadline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The funnel events a conversation leaves, on DynamoDB Local: what happened, in order, and never who. */
class FunnelTrailIntegrationTest {

    private static final Set<String> FIELDS = Set.of("id", "type", "day", "flowId", "locale", "source", "node",
            "previousNode", "minutesToFirstContact", "at", "expiresAt");

    @TempDir
    Path dir;

    private TestEnvironment env;
    private ChatClient chat;

    @BeforeEach
    void setUp() {
        env = TestEnvironment.create(dir);
        chat = new ChatClient(DaggerTestChatComponent.factory().create(env.config, env.platform).api());
    }

    @Test
    void aVisitorWhoLeavesALeadPassesEveryChatStage() {
        String[] conv = chat.leaveLead("Trần Văn An", "an.tran@example.vn", "0912 000 222");
        assertEquals(List.of(
                "widget_opened", "node_reached greeting<-", "node_reached interest<-greeting",
                "chat_started", "node_reached consent_contact<-interest",
                "consent_granted", "node_reached ask_name<-consent_contact",
                "node_reached ask_email<-ask_name",
                "node_reached ask_phone<-ask_email",
                "node_reached thanks<-ask_phone", "lead_captured"), trail(conv[0]));
        for (var event : events(conv[0])) {
            assertTrue(FIELDS.containsAll(event.keySet()), "only funnel fields: " + event.keySet());
            assertEquals("website-lead", event.get("flowId").s());
            assertEquals("en", event.get("locale").s());
            assertEquals("test", event.get("source").s());
            assertEquals(env.clock.instant().toString().substring(0, 10), event.get("day").s());
        }
    }

    @Test
    void decliningConsentIsAnOutcomeAndLeavesNoLead() {
        var s = chat.start("website-lead", "en");
        String id = s.body().path("conversationId").asText();
        String token = s.body().path("token").asText();
        chat.choice(id, token, "demo");
        chat.consent(id, token, "contact", false);
        List<String> trail = trail(id);
        assertEquals(List.of("consent_declined", "node_reached declined<-consent_contact"), trail.subList(5, trail.size()));
    }

    @Test
    void aBotIsCountedOnceWhenCaughtAndAddsNothingLater() {
        var s = chat.start("website-lead", "en");
        String id = s.body().path("conversationId").asText();
        String token = s.body().path("token").asText();
        chat.choice(id, token, "demo");
        chat.message(id, token, "{\"consent\":{\"purpose\":\"contact\",\"granted\":true},\"website\":\"https://x.example\"}");
        chat.text(id, token, "Bot Person");
        chat.text(id, token, "bot@spam.example");
        chat.text(id, token, "0977 111 222");
        List<String> trail = trail(id);
        assertEquals(List.of("bot_caught"), trail.subList(5, trail.size()), "no consent, lead or node after the catch");
    }

    @Test
    void aReturningVisitorIsNotANewLeadAndARetriedTurnAddsNothing() {
        chat.leaveLead("Trần Văn An", "an.tran@example.vn", "0912 000 222");
        String[] again = chat.leaveLead("Trần Văn An", "an.tran@example.vn", "0912 000 333");
        assertTrue(trail(again[0]).stream().noneMatch(t -> t.equals("lead_captured")), "attached to the existing lead");

        var s = chat.start("website-lead", "en");
        String id = s.body().path("conversationId").asText();
        String token = s.body().path("token").asText();
        String body = "{\"choice\":\"demo\",\"clientMessageId\":\"m-1\"}";
        assertEquals(200, chat.message(id, token, body).status());
        int before = events(id).size();
        assertEquals(200, chat.message(id, token, body).status());
        assertEquals(before, events(id).size());
    }

    /** The conversation's events in the order they happened: "type node<-previous". */
    private List<String> trail(String conversationId) {
        return events(conversationId).stream().map(e -> e.get("type").s()
                + (e.containsKey("node") ? " " + e.get("node").s() + "<-" + (e.containsKey("previousNode") ? e.get("previousNode").s() : "") : ""))
                .toList();
    }

    private List<Map<String, AttributeValue>> events(String conversationId) {
        return env.rawItems(env.config.tables().events()).stream()
                .filter(e -> e.get("id").s().startsWith(conversationId + ":"))
                .sorted(Comparator.comparing((Map<String, AttributeValue> e) -> part(e, 1)).thenComparing(e -> part(e, 2)))
                .toList();
    }

    private static long part(Map<String, AttributeValue> event, int i) {
        return Long.parseLong(event.get("id").s().split(":")[i]);
    }
}
