package io.leadline.flows;

import io.leadline.privacy.ContactNormalizer;
import io.leadline.privacy.PersonalFields;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded random conversations against every shipped flow (plain JUnit 5, no jqwik: see the brief).
 * Invariants: the engine never keeps a personal field without a granted purpose covering it, never
 * throws anything but {@link FlowInputException} (with a documented code), and after every turn either
 * has ended or waits at an input node.
 *
 * <p>This module does not see shared's test jar, so the generator is a small copy of the hostile text
 * in {@code io.leadline.testing.Hostile}. Seed: {@code -Dleadline.seed} (default 20261123); a failure
 * prints the case number; {@code -Dleadline.case=<n>} replays one case.
 */
class FlowEnginePropertyTest {

    private static final long DEFAULT_SEED = 20261123L;
    private static final Set<String> DOCUMENTED_CODES = Set.of("unexpected_input", "unknown_option", "conversation_ended");
    private static final String[] SPECIAL = {
            "", " ", "\u0000", "\u0007", "\u001B", "\u007F", "\u0085", "\t\n\r", "\u200B", "\u200D", "\u2060", "\uFEFF",
            "\u202E", "\u202D", "\u2067", "\u200F", "\u061C", "\u2028", "\u00A0", "\u3000", "\uD800", "\uDFFF",
            "\uDC00\uD800", "\uD83D\uDE00", "\uD83D", "\uFFFF", "\uFFFE", "e\u0301", "\u0301\u0301",
            "\u0627\u0644\u0639\u0631\u0628\u064A\u0629", "\u05E2\u05D1\u05E8\u05D9\u05EA", "\u4E2D\u6587", "\u0130",
            "\uFF21", "\u0660\u0661", "<script>alert(1)</script>", "'; DROP TABLE leads; --", "${jndi:ldap://x/a}",
            "%s%n", "../..", "\\", "\"", "null", "NaN", "1e309", "-0",
    };
    private static final String[] VALIDISH = {
            "Nguyễn Văn An", "Minh Khai", "An", "A", "an@example.com", "AN@EXAMPLE.COM", "a@b", "@", "a@b.c",
            "x@" + "a".repeat(250) + ".com", "0912 345 678", "+84912345678", "+1 202 555 0100", "0", "+", "12345",
            "9".repeat(40), "yes", "no", "ok", "có", "không", "是", "不", "y", "n", "YES", " yes ", "yes\u200B",
            "forget me", "Forget Me", "FORGET ME", "forget me please", "xóa dữ liệu của tôi", "忘记我", "delete my data",
            "i agree", "I disagree", "Pricing", "A product demo", "pricing", "demo", "other",
    };

    private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");
    private final FlowCatalog catalog = FlowCatalog.fromClasspath(new FlowLoader());
    private final FlowEngine engine = new FlowEngine(new SystemMessages(), new ContactNormalizer());

    // ------------------------------------------------------------------ the generator

    private static final class Gen {
        final Random r;

        Gen(long seed) {
            r = new Random(seed);
        }

        boolean chance(double p) {
            return r.nextDouble() < p;
        }

        <T> T oneOf(List<T> list) {
            return list.get(r.nextInt(list.size()));
        }

        String oneOf(String... values) {
            return values[r.nextInt(values.length)];
        }

        String codePoint() {
            return switch (r.nextInt(5)) {
                case 0 -> String.valueOf((char) r.nextInt(0x80));
                case 1 -> String.valueOf((char) r.nextInt(0x10000));
                case 2 -> new String(Character.toChars(0x10000 + r.nextInt(0x100000)));
                case 3 -> String.valueOf((char) (0xD800 + r.nextInt(0x800)));
                default -> String.valueOf((char) r.nextInt(0x20));
            };
        }

        String text() {
            int roll = r.nextInt(100);
            if (roll < 40) {
                String v = oneOf(VALIDISH);
                return chance(0.7) ? v : mutate(v);
            }
            if (roll < 85) {
                StringBuilder b = new StringBuilder();
                int parts = r.nextInt(8);
                for (int i = 0; i < parts; i++) {
                    b.append(switch (r.nextInt(3)) {
                        case 0 -> oneOf(SPECIAL);
                        case 1 -> codePoint();
                        default -> (char) ('a' + r.nextInt(26));
                    });
                }
                return b.toString();
            }
            if (roll < 95) {
                return oneOf("a", "Ễ", "\uD83D\uDE00", " ", "\u0000").repeat(oneOf(List.of(99, 100, 101, 254, 255, 500, 501, 1000, 1001)));
            }
            return "x".repeat(oneOf(List.of(10_000, 100_000)));
        }

        String mutate(String v) {
            int at = v.isEmpty() ? 0 : r.nextInt(v.length() + 1);
            return switch (r.nextInt(4)) {
                case 0 -> v.substring(0, at) + oneOf(SPECIAL) + v.substring(at);
                case 1 -> v + oneOf(SPECIAL);
                case 2 -> oneOf(SPECIAL) + v;
                default -> v.repeat(2 + r.nextInt(30));
            };
        }
    }

    private static void forAll(String property, int cases, java.util.function.BiConsumer<Gen, Integer> body) {
        String seedProperty = System.getProperty("leadline.seed");
        long seed = seedProperty == null || seedProperty.isBlank() ? DEFAULT_SEED : Long.parseLong(seedProperty.strip());
        String only = System.getProperty("leadline.case");
        for (int i = 0; i < cases; i++) {
            if (only != null && !only.isBlank() && Integer.parseInt(only.strip()) != i) {
                continue;
            }
            long caseSeed = (seed * 0x9E3779B97F4A7C15L + property.hashCode()) * 31 + i;
            try {
                body.accept(new Gen(caseSeed), i);
            } catch (Throwable t) {
                throw new AssertionError("property '" + property + "' failed at case " + i + "; reproduce with -Dleadline.seed="
                        + seed + " -Dleadline.case=" + i + ": " + t, t);
            }
        }
        System.out.println("property '" + property + "': " + cases + " cases passed (seed " + seed + ")");
    }

    // ------------------------------------------------------------------ inputs for a state

    private VisitorInput input(Gen g, Flow flow, FlowState state) {
        Node node = state.finished() ? null : flow.nodes().get(state.nodeId());
        List<String> purposes = new ArrayList<>(flow.retention().keySet());
        flow.fields().values().stream().map(Field::purpose).filter(p -> p != null).forEach(purposes::add);
        purposes.add("marketing");
        purposes.add(g.text());
        int roll = g.r.nextInt(100);
        if (roll < 35) {
            return new VisitorInput.Text(g.text());
        }
        if (roll < 65) {
            List<String> ids = new ArrayList<>(List.of("yes", "no", g.text(), "demo"));
            if (node instanceof Node.Choice c) {
                c.options().forEach(o -> ids.add(o.id()));
                c.options().forEach(o -> ids.add(o.id()));
            }
            return new VisitorInput.Choice(g.oneOf(ids));
        }
        String purpose = node instanceof Node.Consent k && g.chance(0.7) ? k.purpose() : g.oneOf(purposes);
        return new VisitorInput.Consent(purpose, g.chance(0.6));
    }

    // ------------------------------------------------------------------ invariants

    private static boolean covered(Flow flow, FlowState state, String field) {
        return flow.field(field).map(f -> f.personal() && f.purpose() != null && state.granted(f.purpose())).orElse(false);
    }

    private void checkStep(Flow flow, FlowState before, Step step) {
        assertNotNull(step.state());
        assertNotNull(step.prompt());
        assertNotNull(step.messages());
        FlowState after = step.state();
        step.messages().forEach(m -> assertNotNull(m, "a null message"));

        // Consent before data: every personal field the turn added or changed is covered by a granted purpose.
        for (String field : after.personal().fields()) {
            boolean unchanged = before.personal().get(field).equals(after.personal().get(field));
            if (!unchanged) {
                assertTrue(covered(flow, after, field), "stored '" + field + "' without a granted purpose; consents "
                        + after.consents());
            }
        }
        // Non-personal answers only in answers.
        for (String field : after.answers().keySet()) {
            if (!before.answers().containsKey(field) || !before.answers().get(field).equals(after.answers().get(field))) {
                assertTrue(flow.field(field).map(f -> !f.personal()).orElse(false), "'" + field + "' kept as a plain answer");
            }
        }
        // Ends or waits for input.
        if (after.finished()) {
            assertEquals(Prompt.Type.END, step.prompt().type(), "finished but prompts " + step.prompt().type());
        } else {
            Node at = flow.nodes().get(after.nodeId());
            assertTrue(at instanceof Node.Choice || at instanceof Node.Question || at instanceof Node.Consent,
                    "neither ended nor waiting for input: at " + after.nodeId() + " (" + at + ")");
            Prompt expected = engine.promptFor(flow, after);
            assertEquals(expected.type(), step.prompt().type(), "the prompt does not fit the node it waits at");
            assertTrue(after.retries() < FlowEngine.MAX_RETRIES, "waiting after too many retries");
        }
        for (Effect e : step.effects()) {
            switch (e) {
                case Effect.LeadReady ready -> {
                    assertTrue(after.finished(), "a lead before the end");
                    assertFalse(after.personal().isEmpty(), "a lead without data");
                    after.personal().fields().forEach(f -> assertTrue(covered(flow, after, f), "a lead with uncovered " + f));
                }
                case Effect.ConsentAnswered a -> {
                    assertEquals(64, a.textSha256().length());
                    assertEquals(ConsentText.sha256(a.shownText()), a.textSha256());
                    assertEquals(a.granted(), after.granted(a.purpose()), "the recorded answer is not the state");
                }
                case Effect.ConsentWithdrawn w -> {
                    assertFalse(after.granted(w.purpose()));
                    after.personal().fields().forEach(f -> assertFalse(
                            flow.field(f).map(x -> w.purpose().equals(x.purpose())).orElse(true),
                            "'" + f + "' kept after its purpose was withdrawn"));
                }
                case Effect.Forgotten f -> {
                    assertTrue(after.personal().isEmpty());
                    assertTrue(after.answers().isEmpty());
                    assertTrue(after.finished());
                }
                default -> {
                }
            }
        }
    }

    private Step answer(Flow flow, FlowState state, VisitorInput input) {
        try {
            return engine.answer(flow, state, input, NOW);
        } catch (FlowInputException e) {
            assertTrue(DOCUMENTED_CODES.contains(e.code()), "undocumented code " + e.code());
            return null;
        } catch (RuntimeException e) {
            fail("the engine threw " + e + " at " + state + " for " + input.kind() + " "
                    + (input instanceof VisitorInput.Text t ? t.text().length() + " chars" : input), e);
            return null;
        }
    }

    // ------------------------------------------------------------------ properties

    @Test
    void randomConversationsKeepConsentBeforeDataAndAlwaysEndOrWait() {
        List<Flow> flows = catalog.all();
        assertFalse(flows.isEmpty());
        forAll("random conversations", 1_500, (g, i) -> {
            Flow flow = flows.get(i % flows.size());
            Step step = engine.start(flow, NOW);
            checkStep(flow, new FlowState(flow.start(), Map.of(), PersonalFields.empty(), Map.of(), 0, false), step);
            FlowState state = step.state();
            int turns = 1 + g.r.nextInt(14);
            for (int t = 0; t < turns; t++) {
                VisitorInput in = input(g, flow, state);
                FlowState before = state;
                Step next = answer(flow, state, in);
                if (next == null) {
                    // refused: the state is untouched (it is immutable, and the engine must not have replaced it)
                    assertEquals(before, state);
                    continue;
                }
                checkStep(flow, before, next);
                state = next.state();
            }
        });
    }

    @Test
    void guidedConversationsThatReachTheEndCaptureOnlyConsentedData() {
        // Biased toward valid answers, so conversations go deep: choices, consents yes/no, valid-ish contacts.
        List<Flow> flows = catalog.all();
        int[] leads = {0};
        forAll("guided conversations", 1_000, (g, i) -> {
            Flow flow = flows.get(i % flows.size());
            Step step = engine.start(flow, NOW);
            FlowState state = step.state();
            for (int t = 0; t < 20 && !state.finished(); t++) {
                Node node = flow.nodes().get(state.nodeId());
                VisitorInput in;
                if (g.chance(0.2)) {
                    in = input(g, flow, state);
                } else {
                    in = switch (node) {
                        case Node.Choice c -> new VisitorInput.Choice(g.oneOf(c.options()).id());
                        case Node.Consent k -> g.chance(0.5) ? new VisitorInput.Consent(k.purpose(), g.chance(0.75))
                                : new VisitorInput.Text(g.oneOf("yes", "no", "ok", "có", "không", "是", "不", "maybe", ""));
                        case Node.Question q -> new VisitorInput.Text(switch (q.validator().kind()) {
                            case NAME -> g.oneOf("Nguyễn Văn An", "Minh Khai", g.text());
                            case EMAIL -> g.oneOf("an@example.com", "A.B+c@Example.VN", g.text());
                            case PHONE -> g.oneOf("0912 345 678", "+84912345678", "+1 202 555 0100", g.text());
                            case TEXT -> g.text();
                        });
                        default -> input(g, flow, state);
                    };
                }
                FlowState before = state;
                Step next = answer(flow, state, in);
                if (next == null) {
                    continue;
                }
                checkStep(flow, before, next);
                if (next.effects().stream().anyMatch(Effect.LeadReady.class::isInstance)) {
                    leads[0]++;
                }
                state = next.state();
            }
        });
        assertTrue(leads[0] > 50, "too few conversations reached a lead to mean much: " + leads[0]);
    }

    @Test
    void anyStateAndAnyInputGiveAStepOrADocumentedRefusal() {
        // States a storage bug, an old flow version or a tampered record could hand the engine.
        List<Flow> flows = catalog.all();
        forAll("arbitrary states", 2_000, (g, i) -> {
            Flow flow = flows.get(i % flows.size());
            List<String> nodeIds = new ArrayList<>(flow.nodes().keySet());
            String nodeId = g.chance(0.85) ? g.oneOf(nodeIds) : g.oneOf("", "nope", g.text());
            Map<String, Boolean> consents = new HashMap<>();
            for (String p : flow.retention().keySet()) {
                if (g.chance(0.6)) {
                    consents.put(p, g.chance(0.5));
                }
            }
            if (g.chance(0.1)) {
                consents.put(g.text(), true);
            }
            Map<String, String> answers = new HashMap<>();
            flow.fields().forEach((name, f) -> {
                if (!f.personal() && g.chance(0.5)) {
                    answers.put(name, g.chance(0.5) ? "demo" : g.text());
                }
            });
            PersonalFields personal = PersonalFields.empty();
            for (var e : flow.fields().entrySet()) {
                if (e.getValue().personal() && e.getValue().purpose() != null
                        && Boolean.TRUE.equals(consents.get(e.getValue().purpose())) && g.chance(0.5)) {
                    personal = personal.with(e.getKey(), g.oneOf(VALIDISH));
                }
            }
            int retries = g.chance(0.8) ? g.r.nextInt(FlowEngine.MAX_RETRIES) : g.oneOf(List.of(-1, 3, 99, Integer.MAX_VALUE, Integer.MIN_VALUE));
            FlowState state = new FlowState(nodeId, answers, personal, consents, retries, g.chance(0.15));
            VisitorInput in = input(g, flow, state);
            Step step = answer(flow, state, in);
            if (step != null) {
                // After a tampered state the engine may stop (flow error) rather than wait; it must not store uncovered data.
                FlowState after = step.state();
                for (String field : after.personal().fields()) {
                    if (!state.personal().get(field).equals(after.personal().get(field))) {
                        assertTrue(covered(flow, after, field), "stored '" + field + "' without a granted purpose");
                    }
                }
                assertNotNull(step.prompt());
                if (!after.finished()) {
                    Node at = flow.nodes().get(after.nodeId());
                    assertTrue(at instanceof Node.Choice || at instanceof Node.Question || at instanceof Node.Consent,
                            "neither ended nor waiting for input: at " + after.nodeId());
                }
            }
        });
    }
}
