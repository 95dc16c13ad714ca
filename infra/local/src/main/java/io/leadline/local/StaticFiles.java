package io.leadline.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Serves the widget, the demo page and the console from {@code web/}, as S3 and CloudFront do in
 * AWS. Only the published folders are reachable; tests, tooling and dot-files are not.
 */
final class StaticFiles {

    private static final Set<String> PUBLISHED = Set.of("widget", "demo", "console", "privacy.html", "index.html",
            "favicon.svg");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json; charset=utf-8",
            "ico", "image/x-icon");

    record File(Path path, String contentType) {
    }

    private final Path root;

    StaticFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Optional<File> resolve(String rawPath) {
        if (rawPath.contains("\\") || rawPath.contains("%") || rawPath.contains("\0")) {
            return Optional.empty();
        }
        String relative = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (relative.isEmpty()) {
            relative = "index.html";
        }
        String first = relative.split("/", 2)[0];
        if (!PUBLISHED.contains(first)) {
            return Optional.empty();
        }
        for (String segment : relative.split("/")) {
            if (segment.startsWith(".")) {
                return Optional.empty();
            }
        }
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root)) {
            return Optional.empty();
        }
        if (Files.isDirectory(file)) {
            file = file.resolve("index.html");
        }
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            // No symlinks out of web/.
            if (!file.toRealPath().startsWith(root.toRealPath())) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        String name = file.getFileName().toString();
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        return Optional.of(new File(file, TYPES.getOrDefault(ext, "application/octet-stream")));
    }
}
