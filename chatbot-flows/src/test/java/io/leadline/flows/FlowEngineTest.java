package io.leadline.flows;

import io.leadline.privacy.ContactNormalizer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowEngineTest {

    private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");
    private final FlowCatalog catalog = FlowCatalog.fromClasspath(new FlowLoader());
    private final FlowEngine engine = new FlowEngine(new SystemMessages(), new ContactNormalizer());
    private final Flow en = catalog.find("website-lead", "en").orElseThrow();
    private final Flow vi = catalog.find("website-lead", "vi").orElseThrow();

    @Test
    void startGreetsAndAsksForInterest() {
        Step step = engine.start(en, NOW);
        assertEquals(2, step.messages().size());
        assertEquals(Prompt.Type.CHOICE, step.prompt().type());
        assertEquals(List.of("pricing", "demo", "partnership", "other"),
                step.prompt().options().stream().map(Prompt.Option::id).toList());
        assertEquals("interest", step.state().nodeId());
    }

    @Test
    void consentPathCollectsNameEmailPhoneAndReadiesALead() {
        Step s = engine.start(en, NOW);
        s = engine.answer(en, s.state(), new VisitorInput.Choice("demo"), NOW);
        assertEquals(Prompt.Type.CONSENT, s.prompt().type());
        assertEquals("contact", s.prompt().consent().purpose());
        assertEquals(java.time.Duration.ofDays(180), s.prompt().consent().retention());
        assertEquals("demo", s.state().answers().get("interest"));

        s = engine.answer(en, s.state(), new VisitorInput.Consent("contact", true), NOW);
        assertTrue(s.effects().stream().anyMatch(e -> e instanceof Effect.ConsentAnswered a && a.granted()
                && a.textSha256().length() == 64));
        assertEquals(Prompt.Type.NAME, s.prompt().type());
        s = engine.answer(en, s.state(), new VisitorInput.Text("Nguyễn Văn An"), NOW);
        assertEquals(Prompt.Type.EMAIL, s.prompt().type());
        s = engine.answer(en, s.state(), new VisitorInput.Text("An@Example.com"), NOW);
        assertEquals(Prompt.Type.PHONE, s.prompt().type());
        s = engine.answer(en, s.state(), new VisitorInput.Text("0912 345 678"), NOW);

        assertEquals(Prompt.Type.END, s.prompt().type());
        assertTrue(s.state().finished());
        assertEquals("an@example.com", s.state().personal().get("email").orElseThrow());
        assertEquals("+84912345678", s.state().personal().get("phone").orElseThrow());
        assertTrue(s.effects().contains(new Effect.LeadReady(false)));
    }

    @Test
    void decliningEndsPolitelyAndKeepsNothingPersonal() {
        Step s = engine.start(en, NOW);
        s = engine.answer(en, s.state(), new VisitorInput.Choice("pricing"), NOW);
        s = engine.answer(en, s.state(), new VisitorInput.Consent("contact", false), NOW);
        assertTrue(s.state().finished());
        assertTrue(s.state().personal().isEmpty());
        assertFalse(s.effects().stream().anyMatch(Effect.LeadReady.class::isInstance));
        assertTrue(s.effects().stream().anyMatch(e -> e instanceof Effect.ConsentAnswered a && !a.granted()));
        assertTrue(s.messages().get(0).startsWith("No problem"));
    }

    @Test
    void typedLabelsSelectOptionsAndTypedYesIsConsent() {
        Step s = engine.start(en, NOW);
        s = engine.answer(en, s.state(), new VisitorInput.Text("a product demo!"), NOW);
        assertEquals("demo", s.state().answers().get("interest"));
        s = engine.answer(en, s.state(), new VisitorInput.Text("Yes, I agree"), NOW);
        assertTrue(s.state().granted("contact"));
    }

    @Test
    void anUnclearAnswerIsNotConsent() {
        Step s = engine.answer(en, engine.start(en, NOW).state(), new VisitorInput.Choice("demo"), NOW);
        s = engine.answer(en, s.state(), new VisitorInput.Text("maybe later, my email is x@y.com"), NOW);
        assertEquals(Prompt.Type.CONSENT, s.prompt().type());
        assertFalse(s.state().consents().containsKey("contact"));
        assertTrue(s.state().personal().isEmpty());
    }

    @Test
    void invalidAnswersAreAskedAgainThenTheBotGivesUpPolitely() {
        Step s = atEmail();
        s = engine.answer(en, s.state(), new VisitorInput.Text("not an email"), NOW);
        assertEquals(Prompt.Type.EMAIL, s.prompt().type());
        assertTrue(s.messages().get(0).contains("e-mail"));
        s = engine.answer(en, s.state(), new VisitorInput.Text("still not"), NOW);
        assertEquals(Prompt.Type.EMAIL, s.prompt().type());
        s = engine.answer(en, s.state(), new VisitorInput.Text("nope"), NOW);
        assertEquals(Prompt.Type.END, s.prompt().type());
        assertTrue(s.effects().contains(new Effect.Finished("gave-up", false)));
        // The name given under consent is still a lead worth keeping.
        assertTrue(s.effects().contains(new Effect.LeadReady(false)));
    }

    @Test
    void forgetMeErasesAtAnyPointInEveryLocale() {
        Step s = atEmail();
        Step forgotten = engine.answer(en, s.state(), new VisitorInput.Text("Forget me!"), NOW);
        assertTrue(forgotten.effects().contains(new Effect.Forgotten()));
        assertTrue(forgotten.state().personal().isEmpty());
        assertEquals(Prompt.Type.END, forgotten.prompt().type());

        Step v = engine.start(vi, NOW);
        Step viForgotten = engine.answer(vi, v.state(), new VisitorInput.Text("Xóa dữ liệu của tôi"), NOW);
        assertTrue(viForgotten.effects().contains(new Effect.Forgotten()));
        Step viForgotten2 = engine.answer(vi, v.state(), new VisitorInput.Text("xoá dữ liệu của tôi"), NOW);
        assertTrue(viForgotten2.effects().contains(new Effect.Forgotten()));
    }

    @Test
    void inputOfTheWrongKindIsRefusedWithoutChangingState() {
        Step s = engine.start(en, NOW);
        FlowState before = s.state();
        assertThrows(FlowInputException.class, () -> engine.answer(en, before, new VisitorInput.Consent("contact", true), NOW));
        assertThrows(FlowInputException.class, () -> engine.answer(en, before, new VisitorInput.Choice("nope"), NOW));
        Step consent = engine.answer(en, before, new VisitorInput.Choice("demo"), NOW);
        assertThrows(FlowInputException.class, () -> engine.answer(en, consent.state(), new VisitorInput.Consent("marketing", true), NOW));
        Step name = engine.answer(en, consent.state(), new VisitorInput.Consent("contact", true), NOW);
        assertThrows(FlowInputException.class, () -> engine.answer(en, name.state(), new VisitorInput.Choice("demo"), NOW));
    }

    @Test
    void nothingIsAcceptedAfterTheEnd() {
        Step s = engine.answer(en, engine.start(en, NOW).state(), new VisitorInput.Choice("demo"), NOW);
        Step end = engine.answer(en, s.state(), new VisitorInput.Consent("contact", false), NOW);
        FlowInputException e = assertThrows(FlowInputException.class,
                () -> engine.answer(en, end.state(), new VisitorInput.Text("hello"), NOW));
        assertEquals("conversation_ended", e.code());
    }

    @Test
    void aFlowThatAsksBeforeConsentStillStoresNothingPersonal() throws IOException {
        Flow bad;
        try (InputStream in = getClass().getResourceAsStream("/bad-flows/email-before-consent.en.yaml")) {
            bad = new FlowLoader().load("email-before-consent.en.yaml", in.readAllBytes());
        }
        Step s = engine.start(bad, NOW);
        s = engine.answer(bad, s.state(), new VisitorInput.Text("an@example.com"), NOW);
        assertTrue(s.state().personal().isEmpty());
        assertTrue(s.effects().contains(new Effect.AnswerRefused("ask_email", "email")));
        assertFalse(s.effects().stream().anyMatch(Effect.LeadReady.class::isInstance));
        assertTrue(s.state().finished());
    }

    @Test
    void theConsentTextHashCoversTextRetentionAndLink() {
        Node.Consent node = (Node.Consent) en.node("consent_contact");
        String hash = ConsentText.sha256(en, node);
        Node.Consent changed = new Node.Consent(node.id(), node.purpose(), node.text(), java.time.Duration.ofDays(365),
                node.privacyUrl(), node.yes(), node.no());
        assertFalse(hash.equals(ConsentText.sha256(en, changed)));
        assertFalse(hash.equals(ConsentText.sha256(vi, (Node.Consent) vi.node("consent_contact"))));
    }

    @Test
    void aRejectedAnswerComesBackAsAHintOnThePrompt() {
        Step s = engine.answer(en, atEmail().state(), new VisitorInput.Text("nope"), NOW);
        assertEquals(s.messages().get(0), s.prompt().hint());
        Step ok = engine.answer(en, s.state(), new VisitorInput.Text("an@example.com"), NOW);
        assertEquals(null, ok.prompt().hint());
    }

    @Test
    void withdrawingAGrantedPurposeDropsItsDataAndEnds() {
        Step s = atEmail();
        assertFalse(s.state().personal().isEmpty());
        Step w = engine.answer(en, s.state(), new VisitorInput.Consent("contact", false), NOW);
        assertTrue(w.effects().contains(new Effect.ConsentWithdrawn("contact")));
        assertTrue(w.state().personal().isEmpty());
        assertFalse(w.state().granted("contact"));
        assertTrue(w.state().finished());
        assertFalse(w.effects().stream().anyMatch(Effect.LeadReady.class::isInstance));
        // Also after the end of the flow: a lead's data can be taken back at any time.
        Step end = engine.answer(en, engine.answer(en, s.state(), new VisitorInput.Text("an@example.com"), NOW).state(),
                new VisitorInput.Text("0912345678"), NOW);
        assertTrue(end.state().finished());
        Step late = engine.answer(en, end.state(), new VisitorInput.Consent("contact", false), NOW);
        assertTrue(late.effects().contains(new Effect.ConsentWithdrawn("contact")));
        assertTrue(late.state().personal().isEmpty());
    }

    @Test
    void thereIsNothingToWithdrawBeforeConsent() {
        Step s = engine.start(en, NOW);
        assertThrows(FlowInputException.class, () -> engine.answer(en, s.state(), new VisitorInput.Consent("contact", false), NOW));
    }

    @Test
    void supportTriageBranchesOnUrgencyAndHandsOffWithBusinessHours() {
        Flow support = catalog.find("support-triage", "en").orElseThrow();
        // Sunday 10:00 in Ho Chi Minh City: closed, next opening Monday 08:30.
        Instant sunday = Instant.parse("2026-11-22T03:00:00Z");
        Step s = engine.start(support, sunday);
        s = engine.answer(support, s.state(), new VisitorInput.Choice("technical"), sunday);
        Step blocked = engine.answer(support, s.state(), new VisitorInput.Choice("blocked"), sunday);
        assertEquals(Prompt.Type.CONSENT, blocked.prompt().type(), "urgent problems go straight to a person");
        Step question = engine.answer(support, s.state(), new VisitorInput.Choice("question"), sunday);
        assertEquals(Prompt.Type.CHOICE, question.prompt().type(), "questions are offered the help centre first");
        Step resolved = engine.answer(support, question.state(), new VisitorInput.Choice("no"), sunday);
        assertTrue(resolved.state().finished());

        s = engine.answer(support, blocked.state(), new VisitorInput.Consent("support", true), sunday);
        s = engine.answer(support, s.state(), new VisitorInput.Text("Lê Văn Tám"), sunday);
        s = engine.answer(support, s.state(), new VisitorInput.Text("tam@example.vn"), sunday);
        Step tooLong = engine.answer(support, s.state(), new VisitorInput.Text("x".repeat(501)), sunday);
        assertEquals(Prompt.Type.TEXT, tooLong.prompt().type());
        assertTrue(tooLong.prompt().hint().contains("500"));
        Step handoff = engine.answer(support, s.state(), new VisitorInput.Text("The export button does nothing."), sunday);
        assertTrue(handoff.effects().contains(new Effect.LeadReady(true)));
        assertTrue(handoff.effects().contains(new Effect.Finished("handoff", true)));
        assertTrue(handoff.messages().get(0).endsWith("on Monday at 08:30."), handoff.messages().get(0));
        assertEquals("The export button does nothing.", handoff.state().personal().get("details").orElseThrow());

        Instant tuesdayMorning = Instant.parse("2026-11-24T03:00:00Z");
        Step open = engine.answer(support, s.state(), new VisitorInput.Text("Broken."), tuesdayMorning);
        assertTrue(open.messages().get(0).endsWith("in a few minutes."), open.messages().get(0));
    }

    @Test
    void everyShippedFlowExistsInVietnameseAndEnglish() {
        for (String id : catalog.flowIds()) {
            assertTrue(catalog.locales(id).containsAll(java.util.Set.of("vi", "en")), id);
        }
        assertTrue(catalog.locales("website-lead").contains("zh"));
    }

    private Step atEmail() {
        Step s = engine.start(en, NOW);
        s = engine.answer(en, s.state(), new VisitorInput.Choice("demo"), NOW);
        s = engine.answer(en, s.state(), new VisitorInput.Consent("contact", true), NOW);
        return engine.answer(en, s.state(), new VisitorInput.Text("An"), NOW);
    }
}
