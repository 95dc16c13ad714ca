package io.leadline.local;

import io.leadline.testing.ExternalTools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs one of web/tests/*.e2e.mjs (playwright-core + system Chromium) against a running product. */
final class BrowserScript {

    private BrowserScript() {
    }

    static String run(String script, String baseUrl) throws IOException, InterruptedException {
        return run(script, baseUrl, Map.of());
    }

    /** With extra environment variables for the script (what a story needs to know, as JSON). */
    static String run(String script, String baseUrl, Map<String, String> environment) throws IOException, InterruptedException {
        Path web = ExternalTools.repositoryRoot().resolve("web");
        Path node = ExternalTools.node();
        Path chromium = ExternalTools.chromium();
        ExternalTools.playwrightCore(web);
        ProcessBuilder pb = new ProcessBuilder(node.toString(), "tests/" + script, baseUrl)
                .directory(web.toFile())
                .redirectErrorStream(true);
        pb.environment().put("CHROMIUM_PATH", chromium.toString());
        pb.environment().putAll(environment);
        Process process = pb.start();
        byte[] out;
        try (var in = process.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(script + " did not finish within 5 minutes");
        }
        String output = new String(out, StandardCharsets.UTF_8);
        System.out.println(output);
        assertEquals(0, process.exitValue(), script + " failed:\n" + output);
        return output;
    }
}
