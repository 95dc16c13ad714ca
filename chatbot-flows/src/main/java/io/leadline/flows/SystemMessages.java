package io.leadline.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The engine's own words in each locale (validation hints, consent buttons, "forget me" phrases). */
public final class SystemMessages {

    private static final String RESOURCE = "system-messages.yaml";
    private static final String FALLBACK = "en";

    private final Map<String, Map<String, String>> texts = new HashMap<>();
    private final Map<String, Map<String, List<String>>> lists = new HashMap<>();

    public SystemMessages() {
        try (InputStream in = SystemMessages.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            JsonNode root = new YAMLMapper().readTree(in);
            root.fields().forEachRemaining(locale -> {
                Map<String, String> t = new HashMap<>();
                Map<String, List<String>> l = new HashMap<>();
                locale.getValue().fields().forEachRemaining(e -> {
                    if (e.getValue().isArray()) {
                        List<String> values = new ArrayList<>();
                        e.getValue().forEach(v -> values.add(v.asText()));
                        l.put(e.getKey(), List.copyOf(values));
                    } else {
                        t.put(e.getKey(), e.getValue().asText());
                    }
                });
                texts.put(locale.getKey(), Map.copyOf(t));
                lists.put(locale.getKey(), Map.copyOf(l));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Set<String> locales() {
        return texts.keySet();
    }

    /** A message, the flow's own wording first. */
    public String text(Flow flow, String key) {
        String override = flow.messages().get(key);
        if (override != null) {
            return override;
        }
        String v = texts.getOrDefault(flow.locale(), Map.of()).get(key);
        return v != null ? v : texts.get(FALLBACK).getOrDefault(key, key);
    }

    public List<String> list(String locale, String key) {
        List<String> v = lists.getOrDefault(locale, Map.of()).get(key);
        return v != null ? v : lists.get(FALLBACK).getOrDefault(key, List.of());
    }

    /** Whether typed text is one of the locale's phrases, ignoring case, spacing and punctuation. */
    public boolean matches(String locale, String key, String typed) {
        String t = normalise(typed);
        return !t.isEmpty() && list(locale, key).stream().map(SystemMessages::normalise).collect(Collectors.toSet()).contains(t);
    }

    /** Lower case, NFC, punctuation dropped, spaces collapsed: how typed phrases are compared. */
    public static String normalise(String s) {
        if (s == null) {
            return "";
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        n = n.replaceAll("[\\p{P}\\p{S}]+", " ").replaceAll("\\s+", " ").strip();
        return n;
    }
}
