package io.leadline.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * cfn-lint (the machine's Python) on template.yaml, SAM transform included: no errors, and no warning that
 * infra/cfn-lint-accepted.md does not list with its reason. A listed warning that no longer occurs fails
 * too, so the file never vouches for what is gone.
 */
class CfnLintIntegrationTest {

    static final String ACCEPTED = "infra/cfn-lint-accepted.md";

    /** One accepted warning: its rule, where (a prefix of the finding's path, "/"-joined) and why. */
    record Accepted(String rule, String path, String reason) {
        boolean covers(Finding f) {
            return f.rule().equals(rule) && (f.path() + "/").startsWith(path + "/");
        }
    }

    record Finding(String level, String rule, String path, int line, String message) {
        @Override
        public String toString() {
            return level + " " + rule + " at " + path + " (line " + line + "): " + message;
        }
    }

    @Test
    void templatePassesCfnLintWithOnlyAcceptedWarnings() throws Exception {
        Path cfnLint = onPath("cfn-lint");
        Path repo = CfnTemplate.repository();
        Process p = new ProcessBuilder(cfnLint.toString(), "--format", "json", "template.yaml")
                .directory(repo.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "cfn-lint finished");
        // Exit status is a bit mask: 2 errors, 4 warnings, 8 informational; 1 means it could not run.
        assertTrue((p.exitValue() & 1) == 0, "cfn-lint failed to run:\n" + out);
        List<Finding> findings = new ArrayList<>();
        for (JsonNode m : new ObjectMapper().readTree(out.isBlank() ? "[]" : out)) {
            List<String> path = new ArrayList<>();
            m.path("Location").path("Path").forEach(x -> path.add(x.asText()));
            findings.add(new Finding(m.path("Level").asText(), m.path("Rule").path("Id").asText(), String.join("/", path),
                    m.path("Location").path("Start").path("LineNumber").asInt(), m.path("Message").asText()));
        }
        assertEquals(List.of(), findings.stream().filter(f -> f.level().equals("Error")).toList(), "cfn-lint errors");

        List<Accepted> accepted = accepted(repo.resolve(ACCEPTED));
        List<Finding> warnings = findings.stream().filter(f -> f.level().equals("Warning")).toList();
        assertEquals(List.of(), warnings.stream().filter(w -> accepted.stream().noneMatch(a -> a.covers(w))).toList(),
                "cfn-lint warnings not accepted in " + ACCEPTED + " (fix them, or add a row with the reason)");
        assertEquals(List.of(), accepted.stream().filter(a -> warnings.stream().noneMatch(a::covers)).toList(),
                "rows of " + ACCEPTED + " that no warning matches any more (remove them)");
        assertTrue((p.exitValue() & 2) == 0, "cfn-lint's own verdict: no errors");
    }

    @Test
    void everyAcceptedWarningSaysWhy() throws Exception {
        for (Accepted a : accepted(CfnTemplate.repository().resolve(ACCEPTED))) {
            assertTrue(a.reason().length() >= 20, "a reason for " + a.rule() + " at " + a.path());
        }
    }

    private static final Pattern ROW = Pattern.compile("^\\|\\s*`?([WE]\\d{4})`?\\s*\\|\\s*`?([^|`]+?)`?\\s*\\|\\s*(.+?)\\s*\\|\\s*$");

    /** Rows of the table in the accepted-warnings file: | rule | path prefix | reason |. */
    static List<Accepted> accepted(Path file) throws Exception {
        List<Accepted> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = ROW.matcher(line.strip());
            if (m.matches()) {
                assertTrue(m.group(1).startsWith("W"), "errors cannot be accepted: " + line);
                out.add(new Accepted(m.group(1), m.group(2).strip(), m.group(3).strip()));
            }
        }
        return out;
    }

    static Path onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path c = Path.of(dir, tool);
            if (Files.isExecutable(c)) {
                return c;
            }
        }
        String message = tool + " is not installed (pip install cfn-lint); .ci/run checks for it";
        if (Boolean.parseBoolean(System.getenv("LEADLINE_REQUIRE_ALL_TOOLS"))) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
        return null;
    }
}
