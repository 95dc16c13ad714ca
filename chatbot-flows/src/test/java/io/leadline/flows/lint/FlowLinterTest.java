package io.leadline.flows.lint;

import io.leadline.flows.lint.Finding.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One failing fixture per rule (src/test/resources/lint-fixtures/<rule>), and the shipped flows pass. */
class FlowLinterTest {

    private final FlowLinter linter = new FlowLinter();

    @Test
    void theShippedFlowsPass() {
        List<Finding> findings = linter.lint(Path.of("flows"));
        assertEquals(List.of(), findings.stream().map(Finding::toString).toList());
    }

    @Test
    void theBaselineFixturePasses() {
        assertEquals(List.of(), linter.lint(fixture("valid")));
    }

    @ParameterizedTest(name = "{0} → {1} at {2} {3}")
    @CsvSource({
            "schema,                   SCHEMA,              sample.en.yaml, ask_email",
            "unknown-target,           UNKNOWN_TARGET,      sample.en.yaml, declined",
            "unreachable,              UNREACHABLE,         sample.en.yaml, orphan",
            "dead-end,                 DEAD_END,            sample.en.yaml, loop_a",
            "consent-missing,          CONSENT_MISSING,     sample.en.yaml, ask_email",
            "consent-missing-loop,     CONSENT_MISSING,     sample.en.yaml, ask_again",
            "locales-differ,           LOCALES_DIFFER,      sample.vi.yaml, ask_email",
            "missing-translation,      MISSING_TRANSLATION, sample.en.yaml, ",
            "missing-translation-text, MISSING_TRANSLATION, sample.vi.yaml, consent",
    })
    void eachRuleIsProvenByAFailingFixture(String fixture, Rule rule, String file, String node) {
        List<Finding> findings = linter.lint(fixture(fixture));
        assertTrue(!findings.isEmpty(), fixture + " must fail");
        assertTrue(findings.stream().allMatch(f -> f.rule() == rule),
                fixture + " breaks only " + rule + ": " + findings);
        assertTrue(findings.stream().anyMatch(f -> f.file().equals(file) && java.util.Objects.equals(f.nodeId(), node)),
                fixture + " names file " + file + " and node " + node + ": " + findings);
        findings.forEach(f -> assertTrue(f.reason() != null && !f.reason().isBlank()));
    }

    @Test
    void consentFindingsShowThePathThatSkipsConsent() {
        Finding f = linter.lint(fixture("consent-missing-loop")).get(0);
        assertEquals("stores personal field 'email' without consent to 'contact' on the path "
                + "greeting → consent → ask_email → menu → reconsent → ask_again", f.reason());
        assertEquals("sample.en.yaml: node 'ask_again': [consent-missing] " + f.reason(), f.toString());
    }

    private static Path fixture(String name) {
        try {
            return Path.of(FlowLinterTest.class.getResource("/lint-fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
