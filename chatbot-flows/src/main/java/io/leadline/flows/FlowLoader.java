package io.leadline.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a flow file (YAML) into a {@link Flow}. It checks only what it needs to build the model;
 * the linter checks the rest (schema, graph, consent coverage, translations).
 */
public final class FlowLoader {

    private final YAMLMapper yaml = new YAMLMapper();

    public JsonNode readTree(String source, byte[] content) {
        try {
            JsonNode root = yaml.readTree(content);
            if (root == null || !root.isObject()) {
                throw new FlowFormatException(source, null, "a flow file must be a YAML mapping");
            }
            return root;
        } catch (IOException e) {
            throw new FlowFormatException(source, null, "not valid YAML: " + firstLine(e.getMessage()));
        }
    }

    public Flow load(String source, byte[] content) {
        return fromTree(source, readTree(source, content));
    }

    public Flow fromTree(String source, JsonNode root) {
        Reader r = new Reader(source, null);
        String id = r.text(root, "id");
        String privacyUrl = r.text(root, "privacyUrl");
        Map<String, Duration> retention = new LinkedHashMap<>();
        r.fields(root, "retention").forEach(e -> retention.put(e.getKey(), r.duration(e.getValue(), "retention." + e.getKey())));
        Map<String, Field> fields = new LinkedHashMap<>();
        r.fields(root, "fields").forEach(e -> {
            JsonNode f = e.getValue();
            boolean personal = f.path("personal").asBoolean(false);
            String purpose = personal ? new Reader(source, null).text(f, "purpose") : f.path("purpose").asText(null);
            fields.put(e.getKey(), new Field(e.getKey(), personal, purpose));
        });
        Map<String, String> messages = new LinkedHashMap<>();
        r.fields(root, "messages").forEach(e -> messages.put(e.getKey(), e.getValue().asText()));
        Map<String, Node> nodes = new LinkedHashMap<>();
        r.fields(root, "nodes").forEach(e -> nodes.put(e.getKey(), node(source, e.getKey(), e.getValue(), privacyUrl)));
        if (nodes.isEmpty()) {
            throw new FlowFormatException(source, null, "a flow needs nodes");
        }
        return new Flow(id, r.integer(root, "version"), r.text(root, "locale"), root.path("title").asText(id),
                r.text(root, "controller"), privacyUrl, Map.copyOf(retention), Map.copyOf(fields),
                r.text(root, "start"), java.util.Collections.unmodifiableMap(nodes), Map.copyOf(messages),
                businessHours(source, root.get("businessHours")),
                root.hasNonNull("followUpWithin") ? r.duration(root.get("followUpWithin"), "followUpWithin") : Flow.DEFAULT_FOLLOW_UP);
    }

    private Node node(String source, String id, JsonNode n, String defaultPrivacyUrl) {
        Reader r = new Reader(source, id);
        if (!n.isObject()) {
            throw new FlowFormatException(source, id, "a node must be a mapping");
        }
        String type = r.text(n, "type");
        return switch (type) {
            case "message" -> new Node.Message(id, r.text(n, "text"), r.text(n, "next"));
            case "choice" -> {
                String defaultNext = n.path("next").asText(null);
                List<Node.Option> options = new ArrayList<>();
                JsonNode list = n.get("options");
                if (list == null || !list.isArray() || list.isEmpty()) {
                    throw new FlowFormatException(source, id, "a choice needs a non-empty 'options' list");
                }
                for (JsonNode o : list) {
                    String next = o.hasNonNull("next") ? o.get("next").asText() : defaultNext;
                    if (next == null) {
                        throw new FlowFormatException(source, id, "option '" + o.path("id").asText() + "' has no 'next' and the choice none either");
                    }
                    options.add(new Node.Option(r.text(o, "id"), r.text(o, "label"), next));
                }
                yield new Node.Choice(id, r.text(n, "text"), Optional.ofNullable(n.path("store").asText(null)), List.copyOf(options));
            }
            case "question" -> new Node.Question(id, r.text(n, "text"), validator(r, n.get("validator")),
                    r.text(n, "store"), r.text(n, "next"));
            case "consent" -> new Node.Consent(id, r.text(n, "purpose"), r.text(n, "text"),
                    r.duration(n.get("retention"), "retention"),
                    n.hasNonNull("privacyUrl") ? n.get("privacyUrl").asText() : defaultPrivacyUrl,
                    r.text(n, "yes"), r.text(n, "no"));
            case "branch" -> {
                List<Node.Case> cases = new ArrayList<>();
                for (JsonNode c : n.path("cases")) {
                    cases.add(new Node.Case(r.text(c, "equals"), r.text(c, "next")));
                }
                yield new Node.Branch(id, r.text(n, "field"), List.copyOf(cases), r.text(n, "otherwise"));
            }
            case "handoff" -> new Node.Handoff(id, r.text(n, "text"));
            case "end" -> new Node.End(id, r.text(n, "text"));
            default -> throw new FlowFormatException(source, id, "unknown node type '" + type + "'");
        };
    }

    private Node.Validator validator(Reader r, JsonNode v) {
        if (v == null) {
            throw new FlowFormatException(r.source, r.nodeId, "a question needs a 'validator'");
        }
        String kind = v.isTextual() ? v.asText() : r.text(v, "type");
        int maxLength = v.isObject() && v.has("maxLength") ? v.get("maxLength").asInt() : 500;
        try {
            return new Node.Validator(Node.Validator.Kind.valueOf(kind.toUpperCase(Locale.ROOT)), maxLength);
        } catch (IllegalArgumentException e) {
            throw new FlowFormatException(r.source, r.nodeId, "unknown validator '" + kind + "'");
        }
    }

    private Optional<BusinessHours> businessHours(String source, JsonNode b) {
        if (b == null || b.isNull()) {
            return Optional.empty();
        }
        Reader r = new Reader(source, null);
        try {
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (JsonNode d : b.path("days")) {
                days.add(dayOfWeek(d.asText()));
            }
            return Optional.of(new BusinessHours(ZoneId.of(r.text(b, "timezone")), days,
                    LocalTime.parse(r.text(b, "open")), LocalTime.parse(r.text(b, "close"))));
        } catch (java.time.DateTimeException | IllegalArgumentException e) {
            throw new FlowFormatException(source, null, "businessHours: " + e.getMessage());
        }
    }

    private static DayOfWeek dayOfWeek(String s) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(s.toUpperCase(Locale.ROOT)) && s.length() >= 3) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown day '" + s + "'");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Field reads that fail with the file, node and field name. */
    private record Reader(String source, String nodeId) {
        String text(JsonNode n, String field) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
                throw new FlowFormatException(source, nodeId, "missing '" + field + "'");
            }
            return v.asText();
        }

        int integer(JsonNode n, String field) {
            JsonNode v = n.get(field);
            if (v == null || !v.canConvertToInt()) {
                throw new FlowFormatException(source, nodeId, "'" + field + "' must be an integer");
            }
            return v.asInt();
        }

        Duration duration(JsonNode v, String what) {
            if (v == null || !v.isTextual()) {
                throw new FlowFormatException(source, nodeId, "'" + what + "' must be an ISO-8601 duration such as P180D");
            }
            try {
                return Duration.parse(v.asText());
            } catch (DateTimeParseException e) {
                throw new FlowFormatException(source, nodeId, "'" + what + "' must be an ISO-8601 duration such as P180D");
            }
        }

        Iterable<Map.Entry<String, JsonNode>> fields(JsonNode n, String field) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (!(v instanceof ObjectNode o)) {
                throw new FlowFormatException(source, nodeId, "'" + field + "' must be a mapping");
            }
            return () -> {
                Iterator<Map.Entry<String, JsonNode>> it = o.fields();
                return it;
            };
        }
    }
}
