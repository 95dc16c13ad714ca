package io.leadline.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadline.crypto.EncryptionContext;
import io.leadline.crypto.UnreadableDataException;
import io.leadline.testing.StoredPlaintext;
import io.leadline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chat API end to end on DynamoDB Local, with the local keyring. */
class ChatApiIntegrationTest {

    private static final String NAME = "Nguyễn Thị Minh Khai";
    private static final String EMAIL = "minh.khai@example.vn";
    private static final String PHONE = "0912 345 678";
    private static final String PHONE_E164 = "+84912345678";

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
    void consentPathCapturesAnEncryptedLeadWithARetentionDeadline() {
        var started = chat.start("website-lead", "en");
        assertEquals(201, started.status());
        String id = started.body().path("conversationId").asText();
        String token = started.body().path("token").asText();
        assertEquals("choice", started.body().path("prompt").path("type").asText());
        assertEquals("text", started.body().path("messages").get(0).path("type").asText());

        var consent = chat.choice(id, token, "demo");
        assertEquals(200, consent.status());
        JsonNode prompt = consent.body().path("prompt");
        assertEquals("consent", prompt.path("type").asText());
        assertEquals("contact", prompt.path("purpose").path("id").asText());
        assertEquals("P180D", prompt.path("purpose").path("retention").asText());
        assertEquals("/privacy.html", prompt.path("purpose").path("privacyUrl").asText());
        assertTrue(prompt.path("purpose").path("text").asText().contains("Leadline Demo Co."));

        assertEquals("name", chat.consent(id, token, "contact", true).body().path("prompt").path("type").asText());
        assertEquals("email", chat.text(id, token, NAME).body().path("prompt").path("type").asText());
        assertEquals("phone", chat.text(id, token, EMAIL).body().path("prompt").path("type").asText());
        var end = chat.text(id, token, PHONE);
        assertEquals("end", end.body().path("prompt").path("type").asText());

        var lead = onlyItem(env.config.tables().leads());
        assertEquals("NEW", lead.get("status").s());
        assertEquals("demo", lead.get("answers").m().get("interest").s());
        assertTrue(lead.get("personal").m().containsKey("contact"));
        long leadExpiry = Long.parseLong(lead.get("expiresAt").n());
        long in180Days = env.clock.instant().plus(java.time.Duration.ofDays(180)).getEpochSecond();
        assertEquals(in180Days, leadExpiry);

        var revealed = component.leadCapture().reveal(component.leads().find(lead.get("id").s()).orElseThrow());
        assertEquals(NAME, revealed.get("contact").get("name").orElseThrow());
        assertEquals(EMAIL, revealed.get("contact").get("email").orElseThrow());
        assertEquals(PHONE_E164, revealed.get("contact").get("phone").orElseThrow());

        assertNoPlaintextAnywhere(NAME, EMAIL, PHONE, PHONE_E164, "912345678");
        assertEveryItemExpiresInTheFuture();
    }

    @Test
    void aLeadCiphertextDecryptsOnlyUnderItsOwnRecordsContext() {
        String[] conv = completeConsentPath();
        var leadItem = onlyItem(env.config.tables().leads());
        String leadId = leadItem.get("id").s();
        String subject = leadItem.get("subjectId").s();
        SdkBytes ciphertext = leadItem.get("personal").m().get("contact").b();
        var cipher = component.cipher();

        byte[] plain = cipher.open(new EncryptionContext("leads", leadId, "contact", subject), ciphertext);
        assertTrue(new String(plain, StandardCharsets.UTF_8).contains(EMAIL));
        assertThrows(UnreadableDataException.class,
                () -> cipher.open(new EncryptionContext("leads", "another-lead", "contact", subject), ciphertext));
        assertThrows(UnreadableDataException.class,
                () -> cipher.open(new EncryptionContext("conversations", conv[0], "contact", subject), ciphertext));
        assertThrows(UnreadableDataException.class,
                () -> cipher.open(new EncryptionContext("leads", leadId, "marketing", subject), ciphertext));
    }

    @Test
    void declinePathStoresNothingPersonal() {
        var started = chat.start("website-lead", "en");
        String id = started.body().path("conversationId").asText();
        String token = started.body().path("token").asText();
        // Typed before consent: kept only redacted.
        assertEquals(200, chat.text(id, token, "call me on " + PHONE + " or " + EMAIL).status());
        chat.choice(id, token, "pricing");
        var end = chat.consent(id, token, "contact", false);
        assertEquals("end", end.body().path("prompt").path("type").asText());

        assertTrue(env.rawItems(env.config.tables().leads()).isEmpty(), "no lead");
        assertTrue(env.rawItems(env.config.tables().keys()).isEmpty(), "no subject key was even made");
        var conversation = env.rawItems(env.config.tables().conversations()).stream()
                .filter(i -> "conversation".equals(i.get("sk").s())).findFirst().orElseThrow();
        assertFalse(conversation.containsKey("personal") && !conversation.get("personal").m().isEmpty());
        assertFalse(conversation.containsKey("subjectId"));
        assertEquals("declined", conversation.get("consents").m().get("contact").s());
        var redacted = env.rawItems(env.config.tables().conversations()).stream()
                .filter(i -> i.containsKey("inputRedacted")).findFirst().orElseThrow();
        assertEquals("call me on [phone] or [email]", redacted.get("inputRedacted").s());
        var proof = onlyItem(env.config.tables().consent());
        assertEquals("DECLINED", proof.get("decision").s());
        assertEquals(64, proof.get("textSha256").s().length());

        assertNoPlaintextAnywhere(EMAIL, PHONE, "912345678");
        assertEveryItemExpiresInTheFuture();
        // Unconsented data lives 24 hours at most.
        long dayFromNow = env.clock.instant().plus(java.time.Duration.ofHours(24)).getEpochSecond();
        for (var item : env.rawItems(env.config.tables().conversations())) {
            assertTrue(Long.parseLong(item.get("expiresAt").n()) <= dayFromNow);
        }
    }

    @Test
    void deleteLeavesNothingBehindButConsentProof() {
        String[] conv = completeConsentPath();
        assertEquals(1, env.rawItems(env.config.tables().leads()).size());

        var erased = chat.erase(conv[0], conv[1]);
        assertEquals(204, erased.status());

        assertTrue(env.rawItems(env.config.tables().conversations()).isEmpty());
        assertTrue(env.rawItems(env.config.tables().leads()).isEmpty());
        assertTrue(env.rawItems(env.config.tables().keys()).stream().noneMatch(i -> "subject".equals(i.get("kind").s())),
                "subject key destroyed");
        var proof = env.rawItems(env.config.tables().consent());
        assertTrue(proof.stream().anyMatch(i -> "GRANTED".equals(i.get("decision").s())));
        assertTrue(proof.stream().anyMatch(i -> "WITHDRAWN".equals(i.get("decision").s())));
        assertEquals(404, chat.resume(conv[0], conv[1]).status());
        assertNoPlaintextAnywhere(NAME, EMAIL, PHONE_E164);
    }

    @Test
    void typingForgetMeErasesLikeDelete() {
        String[] conv = completeConsentPath();
        // The flow has ended, but "forget me" is honoured at any point.
        var r = chat.text(conv[0], conv[1], "forget me");
        assertEquals(200, r.status());
        assertEquals("end", r.body().path("prompt").path("type").asText());
        assertTrue(env.rawItems(env.config.tables().conversations()).isEmpty());
        assertTrue(env.rawItems(env.config.tables().leads()).isEmpty());
    }

    @Test
    void theTokenIsRequiredAndBoundToItsConversation() {
        var a = chat.start("website-lead", "en");
        var b = chat.start("website-lead", "en");
        String idA = a.body().path("conversationId").asText();
        String tokenB = b.body().path("token").asText();

        assertEquals(401, chat.choice(idA, null, "demo").status());
        assertEquals("unauthorized", chat.choice(idA, null, "demo").code());
        assertEquals(404, chat.choice(idA, tokenB, "demo").status());
        assertEquals(401, chat.sendWithHeaders(ChatRoutes.MESSAGE, Map.of("id", idA),
                Map.of("authorization", "Basic abc", "content-type", "application/json"), "{\"choice\":\"demo\"}").status());
        assertEquals(401, chat.choice(idA, "short", "demo").status());
        assertEquals(404, chat.choice("AAAAAAAAAAAAAAAAAAAAAA", tokenB, "demo").status());
        assertEquals(404, chat.erase(idA, tokenB).status());
        assertEquals(404, chat.resume(idA, tokenB).status());
        // Nothing changed in A.
        assertEquals("choice", chat.resume(idA, a.body().path("token").asText()).body().path("prompt").path("type").asText());
    }

    @Test
    void aRetryWithTheSameClientMessageIdReturnsTheSameAnswerAndChangesNothing() {
        var s = chat.start("website-lead", "en");
        String id = s.body().path("conversationId").asText();
        String token = s.body().path("token").asText();
        String body = "{\"choice\":\"demo\",\"clientMessageId\":\"m-1\"}";
        var first = chat.message(id, token, body);
        var retry = chat.message(id, token, body);
        assertEquals(200, retry.status());
        assertEquals(first.body(), retry.body());
        long turns = env.rawItems(env.config.tables().conversations()).stream()
                .filter(i -> i.get("sk").s().startsWith("turn#")).count();
        assertEquals(2, turns, "greeting + one turn");

        var next = chat.message(id, token, "{\"consent\":{\"purpose\":\"contact\",\"granted\":true},\"clientMessageId\":\"m-2\"}");
        assertEquals("name", next.body().path("prompt").path("type").asText());
        // An old retry still gets its own answer, not the current state.
        assertEquals(first.body(), chat.message(id, token, body).body());
        assertEquals(1, env.rawItems(env.config.tables().consent()).size());
    }

    @Test
    void badInputGetsAClear4xxAndChangesNothing() {
        var s = chat.start("website-lead", "en");
        String id = s.body().path("conversationId").asText();
        String token = s.body().path("token").asText();
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[]{"{\"text\":\"" + "x".repeat(9000) + "\"}", "413", "payload_too_large"});
        cases.add(new String[]{"{\"text\":\"" + "x".repeat(1001) + "\"}", "400", "too_long"});
        cases.add(new String[]{"{not json", "400", "invalid_json"});
        cases.add(new String[]{"[]", "400", "invalid_body"});
        cases.add(new String[]{"", "400", "invalid_body"});
        cases.add(new String[]{"{\"text\":\"a\",\"text\":\"b\"}", "400", "invalid_json"});
        cases.add(new String[]{"{\"a\":".repeat(40) + "1" + "}".repeat(40), "400", "invalid_json"});
        cases.add(new String[]{"{\"text\":5}", "400", "invalid_field"});
        cases.add(new String[]{"{\"text\":\"a\",\"choice\":\"demo\"}", "400", "invalid_input"});
        cases.add(new String[]{"{}", "400", "invalid_input"});
        cases.add(new String[]{"{\"text\":\"   \"}", "400", "invalid_input"});
        cases.add(new String[]{"{\"text\":\"a\\u0000b\"}", "400", "invalid_text"});
        cases.add(new String[]{"{\"text\":\"\\ud800\"}", "400", "invalid_text"});
        cases.add(new String[]{"{\"bogus\":1}", "400", "unknown_field"});
        cases.add(new String[]{"{\"choice\":\"<script>\"}", "400", "invalid_field"});
        cases.add(new String[]{"{\"choice\":\"nope\"}", "400", "unknown_option"});
        cases.add(new String[]{"{\"consent\":{\"purpose\":\"contact\",\"granted\":true}}", "400", "unexpected_input"});
        cases.add(new String[]{"{\"consent\":{\"purpose\":\"contact\"}}", "400", "missing_field"});
        cases.add(new String[]{"{\"consent\":\"yes\"}", "400", "invalid_field"});
        cases.add(new String[]{"{\"choice\":\"demo\",\"clientMessageId\":\"has space\"}", "400", "invalid_field"});
        var before = env.rawItems(env.config.tables().conversations());
        for (String[] c : cases) {
            var r = chat.message(id, token, c[0]);
            assertEquals(Integer.parseInt(c[1]), r.status(), c[0].length() > 60 ? c[0].substring(0, 60) : c[0]);
            assertEquals(c[2], r.code(), c[0].length() > 60 ? c[0].substring(0, 60) : c[0]);
            assertNotNull(r.body().path("error").path("message").asText(null));
        }
        assertEquals(before, env.rawItems(env.config.tables().conversations()), "stored data unchanged");

        assertEquals(415, chat.sendWithHeaders(ChatRoutes.MESSAGE, Map.of("id", id),
                Map.of("authorization", "Bearer " + token, "content-type", "application/xml"), "<a/>").status());
    }

    @Test
    void startValidatesItsBody() {
        assertEquals(404, chat.send(ChatRoutes.START, Map.of(), (String) null, "{\"flowId\":\"nope\",\"locale\":\"en\"}").status());
        assertEquals("missing_field", chat.send(ChatRoutes.START, Map.of(), (String) null, "{\"locale\":\"en\"}").code());
        assertEquals("invalid_field", chat.send(ChatRoutes.START, Map.of(), (String) null, "{\"flowId\":\"website-lead\",\"locale\":\"<x>\"}").code());
        assertEquals("invalid_field", chat.send(ChatRoutes.START, Map.of(), (String) null,
                "{\"flowId\":\"website-lead\",\"locale\":\"en\",\"source\":\"an@example.com\"}").code());
        var vi = chat.send(ChatRoutes.START, Map.of(), (String) null, "{\"flowId\":\"website-lead\",\"locale\":\"vi-VN\"}");
        assertEquals(201, vi.status());
        assertEquals("vi", vi.body().path("locale").asText());
    }

    @Test
    void resumeReplaysTheConversationForItsVisitor() {
        var s = chat.start("website-lead", "vi");
        String id = s.body().path("conversationId").asText();
        String token = s.body().path("token").asText();
        chat.choice(id, token, "demo");
        chat.consent(id, token, "contact", true);
        chat.text(id, token, NAME);
        var resumed = chat.resume(id, token);
        assertEquals(200, resumed.status());
        assertEquals("email", resumed.body().path("prompt").path("type").asText());
        List<String> visitorLines = new ArrayList<>();
        resumed.body().path("history").forEach(h -> {
            if ("visitor".equals(h.path("from").asText())) {
                visitorLines.add(h.path("text").asText());
            }
        });
        assertEquals(List.of("Xem demo sản phẩm", "Có, tôi đồng ý", NAME), visitorLines,
                "the visitor sees their buttons and their own words again, decrypted");
    }

    /**
     * Found by the OpenAPI fuzz run (OpenApiFuzzE2ETest): the 404 for an unknown flow repeated the flowId
     * it was sent, where errors never echo request values.
     */
    @Test
    void anUnknownFlowIs404WithoutRepeatingTheFlowId() {
        var r = chat.start("no-such-flow-7q2x", "en");
        assertEquals(404, r.status());
        assertEquals("not_found", r.code());
        assertFalse(r.body().toString().contains("no-such-flow-7q2x"), r.body().toString());
    }

    /**
     * Found by the OpenAPI fuzz run (OpenApiFuzzE2ETest): withdrawing consent to a purpose never granted
     * answered 400 naming the purpose it was sent.
     */
    @Test
    void withdrawingAConsentNeverGrantedIs400WithoutRepeatingThePurpose() {
        var s = chat.start("website-lead", "en");
        var r = chat.consent(s.body().path("conversationId").asText(), s.body().path("token").asText(), "s--c40nda1", false);
        assertEquals(400, r.status());
        assertFalse(r.body().toString().contains("s--c40nda1"), r.body().toString());
    }

    @Test
    void unknownRoutesAnswer404InTheErrorFormat() {
        var r = chat.send(new io.leadline.http.HttpRoute("GET", "/chat/nope"), Map.of(), (String) null, null);
        assertEquals(404, r.status());
        assertEquals("not_found", r.code());
    }

    @Test
    void withdrawingConsentAfterCaptureErasesWhatItCoveredAtOnce() {
        String[] conv = completeConsentPath();
        long sealedBefore = env.rawItems(env.config.tables().conversations()).stream().filter(i -> i.containsKey("inputSealed")).count();
        assertEquals(3, sealedBefore, "name, e-mail and phone were typed after consent");

        var r = chat.consent(conv[0], conv[1], "contact", false);
        assertEquals(200, r.status());
        assertEquals("end", r.body().path("prompt").path("type").asText());
        assertTrue(r.body().path("messages").get(0).path("text").asText().contains("withdrawn"));

        assertTrue(env.rawItems(env.config.tables().leads()).isEmpty(), "the lead held only contact data: gone");
        assertTrue(env.rawItems(env.config.tables().conversations()).stream().noneMatch(i -> i.containsKey("inputSealed")),
                "transcript text kept under 'contact' is gone");
        assertTrue(env.rawItems(env.config.tables().keys()).stream().noneMatch(i -> "subject".equals(i.get("kind").s())),
                "nothing of the subject is left, so neither is their key");
        var decisions = env.rawItems(env.config.tables().consent()).stream().map(i -> i.get("decision").s()).sorted().toList();
        assertEquals(List.of("GRANTED", "WITHDRAWN"), decisions);
        assertNoPlaintextAnywhere(NAME, EMAIL, PHONE_E164);
        // The conversation itself remains, ended, and says nothing more.
        assertEquals("ended", chat.resume(conv[0], conv[1]).body().path("status").asText());
        assertEquals(400, chat.consent(conv[0], conv[1], "contact", false).status(), "nothing left to withdraw");
    }

    @Test
    void theReceiptShowsExactlyWhatTheVisitorAgreedTo() throws Exception {
        var s = chat.start("website-lead", "vi");
        String id = s.body().path("conversationId").asText();
        String token = s.body().path("token").asText();
        chat.choice(id, token, "demo");
        chat.consent(id, token, "contact", true);
        var receipt = chat.send(ChatRoutes.RECEIPT, Map.of("id", id), token, null);
        assertEquals(200, receipt.status());
        assertEquals("Leadline Demo Co.", receipt.body().path("controller").asText());
        JsonNode record = receipt.body().path("records").get(0);
        assertEquals("contact", record.path("purpose").asText());
        assertEquals("granted", record.path("decision").asText());
        assertEquals("vi", record.path("locale").asText());
        String text = record.path("shownText").asText();
        assertTrue(text.contains("retention=P180D") && text.contains("privacyUrl=/privacy.html") && text.contains("Leadline Demo Co."));
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(java.util.HexFormat.of().formatHex(digest), record.path("textSha256").asText());
        assertEquals(404, chat.send(ChatRoutes.RECEIPT, Map.of("id", id), chat.start("website-lead", "en").body().path("token").asText(), null).status());
    }

    @Test
    void aSupportRequestIsHandedToAPersonAndMarkedSo() {
        var s = chat.start("support-triage", "en");
        String id = s.body().path("conversationId").asText();
        String token = s.body().path("token").asText();
        chat.choice(id, token, "technical");
        assertEquals("consent", chat.choice(id, token, "blocked").body().path("prompt").path("type").asText());
        chat.consent(id, token, "support", true);
        chat.text(id, token, NAME);
        chat.text(id, token, EMAIL);
        var handoff = chat.text(id, token, "Export fails since this morning");
        assertEquals("end", handoff.body().path("prompt").path("type").asText());
        var lead = onlyItem(env.config.tables().leads());
        assertTrue(lead.get("handoff").bool());
        assertTrue(lead.get("personal").m().containsKey("support"));
        assertEquals("technical", lead.get("answers").m().get("topic").s());
        long in90Days = env.clock.instant().plus(java.time.Duration.ofDays(90)).getEpochSecond();
        assertEquals(in90Days, Long.parseLong(lead.get("expiresAt").n()), "retention follows the granted purpose");
        assertNoPlaintextAnywhere(NAME, EMAIL, "Export fails");
    }

    @Test
    void aReturningVisitorIsAttachedToTheirLeadNotDuplicated() {
        String[] first = chat.leaveLead(NAME, EMAIL, PHONE);
        env.clock.advance(java.time.Duration.ofDays(40));
        // Same person, new conversation, new phone number: the same lead, with the newer number.
        String[] second = chat.leaveLead(NAME, EMAIL.toUpperCase(), "0987 000 111");
        var leads = env.rawItems(env.config.tables().leads());
        assertEquals(1, leads.size(), "one lead per person");
        var lead = component.leads().find(leads.get(0).get("id").s()).orElseThrow();
        assertEquals(List.of(first[0], second[0]), lead.conversationIds());
        assertEquals("+84987000111", component.leadCapture().reveal(lead).get("contact").get("phone").orElseThrow());
        assertEquals(EMAIL, component.leadCapture().reveal(lead).get("contact").get("email").orElseThrow());
        long expected = env.clock.instant().plus(java.time.Duration.ofDays(180)).getEpochSecond();
        assertEquals(expected, lead.expiresAt(), "activity moved the retention deadline forward");
        // The first conversation's consent proof now outlives the lead by the configured period.
        long proof = expected + env.config.retention().consentProof().toSeconds();
        env.rawItems(env.config.tables().consent()).forEach(r ->
                assertTrue(Long.parseLong(r.get("expiresAt").n()) >= proof, "consent proof outlives the lead"));
        // Duplicate detection went through keyed blind indexes, never through plaintext.
        assertTrue(leads.get(0).get("emailIndex").s().startsWith("e1:"));
        assertNoPlaintextAnywhere(EMAIL, "+84987000111");
        // A visitor matching only by phone is attached too.
        chat.leaveLead("Another Name", "other@example.vn", "0987000111");
        assertEquals(1, env.rawItems(env.config.tables().leads()).size());
    }

    private String[] completeConsentPath() {
        var s = chat.start("website-lead", "en");
        String id = s.body().path("conversationId").asText();
        String token = s.body().path("token").asText();
        chat.choice(id, token, "demo");
        chat.consent(id, token, "contact", true);
        chat.text(id, token, NAME);
        chat.text(id, token, EMAIL);
        assertEquals("end", chat.text(id, token, PHONE).body().path("prompt").path("type").asText());
        return new String[]{id, token};
    }

    private Map<String, AttributeValue> onlyItem(String table) {
        var items = env.rawItems(table);
        assertEquals(1, items.size(), table);
        return items.get(0);
    }

    private void assertNoPlaintextAnywhere(String... secrets) {
        StoredPlaintext.assertNowhere(env.dynamo, env.allTables(), secrets);
    }

    private void assertEveryItemExpiresInTheFuture() {
        long now = env.clock.instant().getEpochSecond();
        for (String table : env.allTables()) {
            for (var item : env.rawItems(table)) {
                assertTrue(item.containsKey("expiresAt"), table + " item without expiry");
                assertTrue(Long.parseLong(item.get("expiresAt").n()) > now, table + " item already expired");
            }
        }
    }
}
