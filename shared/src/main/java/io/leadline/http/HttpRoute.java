package io.leadline.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One route as API Gateway names it ({@code POST /chat/conversations/{id}/messages}). Functions
 * dispatch on the event's route key; the local gateway uses {@link #match} to build that event.
 */
public record HttpRoute(String method, String path) {

    public String routeKey() {
        return method + " " + path;
    }

    /** Path parameters if {@code requestPath} fits this route's template, else empty. */
    public Optional<Map<String, String>> match(String requestMethod, String requestPath) {
        if (!method.equals(requestMethod)) {
            return Optional.empty();
        }
        return matchPath(requestPath);
    }

    public Optional<Map<String, String>> matchPath(String requestPath) {
        String[] template = path.split("/", -1);
        String[] actual = requestPath.split("/", -1);
        if (template.length != actual.length) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return Optional.empty();
                }
                try {
                    params.put(t.substring(1, t.length() - 1), URLDecoder.decode(actual[i], StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformedEscape) {
                    // "%zz" names no resource: no match (404), as for any other unknown path.
                    return Optional.empty();
                }
            } else if (!t.equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }
}
