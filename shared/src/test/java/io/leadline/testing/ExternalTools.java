package io.leadline.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tools some tests need from outside the JVM (Node with playwright-core, Debian's Chromium,
 * Python's moto server and cfn-lint).
 * Where one is missing the test is skipped with the way to install it, unless
 * LEADLINE_REQUIRE_ALL_TOOLS=true (as .ci/run sets): then it fails, because in CI nothing but the
 * Docker-based tests may be skipped.
 */
public final class ExternalTools {

    private ExternalTools() {
    }

    public static Path repositoryRoot() {
        String fromBuild = System.getProperty("leadline.repo");
        Path start = fromBuild != null ? Path.of(fromBuild) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("template.yaml")) && Files.isDirectory(p.resolve("web"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root from " + start);
    }

    public static Path node() {
        return onPath("node").orElseGet(() -> {
            missing("node (Node.js 20+)", "install Node.js from your package manager");
            return null;
        });
    }

    /** moto's server (Python moto 5.x), the local stand-in for KMS and Cognito on the wire. */
    public static Path motoServer() {
        return onPath("moto_server").orElseGet(() -> {
            missing("moto_server", "pip install 'moto[server]'");
            return null;
        });
    }

    public static java.util.Optional<Path> onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }

    public static Path chromium() {
        String configured = System.getenv("CHROMIUM_PATH");
        for (String c : configured != null ? List.of(configured) : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        missing("Chromium", "sudo apt-get install chromium (Debian/Ubuntu), or set CHROMIUM_PATH");
        return null;
    }

    public static void playwrightCore(Path web) {
        if (!Files.isDirectory(web.resolve("node_modules/playwright-core"))) {
            missing("playwright-core in web/node_modules", "cd web && npm ci");
        }
    }

    public static void missing(String tool, String install) {
        String message = tool + " is not installed (" + install + "); .ci/run installs it";
        if (Boolean.parseBoolean(System.getenv("LEADLINE_REQUIRE_ALL_TOOLS"))) {
            throw new AssertionError(message + ", and LEADLINE_REQUIRE_ALL_TOOLS=true forbids skipping");
        }
        Assumptions.abort(message);
    }
}
