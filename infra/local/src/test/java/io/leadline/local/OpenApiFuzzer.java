package io.leadline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadline.http.HttpRoute;
import io.leadline.testing.Hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Requests generated from infra/openapi.yaml: for each operation the document declares, its path and
 * query parameters, JSON body and security, first valid per schema (with values that reach real records:
 * the targets' conversations, leads and users), then mutated — wrong types, missing required fields,
 * unknown and duplicate keys, values just past a limit, huge and deeply nested bodies, random Unicode
 * and control characters, malformed JSON and percent escapes, wrong content types, missing, expired,
 * forged and tampered tokens. Request n is made from its own seed, derived from the run's seed and n
 * only, so it is the same request in every run with that seed (the records it names may differ).
 */
final class OpenApiFuzzer {

    /** Share of requests left valid per the document (the rest get one to three mutations). */
    static final double VALID_SHARE = 0.25;
    private static final ObjectMapper LENIENT = new ObjectMapper();

    /**
     * One request and what its checks need: whether its token is one the API must refuse, the fuzz
     * people's values and the other longer values it carries (an error must echo neither).
     */
    record Request(int index, HttpRoute operation, String method, String target, List<String[]> headers, byte[] body,
                   List<String> mutations, boolean badAuth, Set<String> personal, Set<String> echoable) {

        String bodyText() {
            return body == null ? null : new String(body, StandardCharsets.UTF_8);
        }

        String describe() {
            StringBuilder b = new StringBuilder("#").append(index).append(' ').append(operation.routeKey())
                    .append(' ').append(mutations).append(": ").append(method).append(' ').append(Hostile.describe(target));
            for (String[] h : headers) {
                b.append(" | ").append(h[0]).append(": ").append(Hostile.describe(h[1].length() > 60 ? h[1].substring(0, 60) + "…" : h[1]));
            }
            return b.append(" | body ").append(Hostile.describe(bodyText())).toString();
        }
    }

    private final OpenApiSpec spec;
    private final FuzzTargets targets;
    private final long seed;
    private final List<HttpRoute> operations;

    OpenApiFuzzer(OpenApiSpec spec, FuzzTargets targets, long seed) {
        this.spec = spec;
        this.targets = targets;
        this.seed = seed;
        List<HttpRoute> ops = new ArrayList<>(spec.routes());
        ops.sort(Comparator.comparing(HttpRoute::routeKey));
        this.operations = List.copyOf(ops);
    }

    List<HttpRoute> operations() {
        return operations;
    }

    Request request(int index) {
        Hostile g = new Hostile(Hostile.mix(seed, "openapi-fuzz", index));
        return new Draft(index, g.oneOf(operations), g).build();
    }

    /** UTF-8 bytes percent-encoded, all but RFC 3986's unreserved characters. */
    static String encode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                b.append(c);
            } else {
                b.append('%').append(String.format("%02X", x & 0xFF));
            }
        }
        return b.toString();
    }

    /** One request in the making. */
    private final class Draft {
        final int index;
        final HttpRoute op;
        final Hostile g;
        final List<String> mutations = new ArrayList<>();
        final Set<String> personal = new HashSet<>();
        final Set<String> echoable = new HashSet<>();
        FuzzTargets.Conversation conversation;
        String leadId;
        boolean badAuth;

        Draft(int index, HttpRoute op, Hostile g) {
            this.index = index;
            this.op = op;
            this.g = g;
        }

        Request build() {
            boolean hasBody = !spec.requestSchema(op).isMissingNode();
            Set<String> aspects = new HashSet<>();
            if (!g.chance(VALID_SHARE)) {
                List<String> applicable = new ArrayList<>(List.of("body", "query"));
                if (op.path().contains("{")) {
                    applicable.add("path");
                    applicable.add("path");
                }
                if (spec.security(op).isPresent()) {
                    applicable.add("auth");
                    applicable.add("auth");
                }
                if (hasBody) {
                    applicable.add("body");
                    applicable.add("content-type");
                }
                int n = g.chance(0.75) ? 1 : g.between(2, 3);
                for (int i = 0; i < n; i++) {
                    aspects.add(g.oneOf(applicable));
                }
            }
            String target = path(aspects.contains("path")) + query(aspects.contains("query"));
            byte[] body = hasBody ? body(aspects.contains("body")) : noBody(aspects.contains("body"));
            List<String[]> headers = new ArrayList<>();
            if (body != null || aspects.contains("content-type")) {
                contentType(headers, aspects.contains("content-type"));
            }
            authorization(headers, aspects.contains("auth"));
            if (mutations.isEmpty()) {
                mutations.add("valid");
            }
            echoable.addAll(strings(body));
            echoable.removeIf(v -> v.length() < 8 || v.codePoints().filter(Character::isLetterOrDigit).count() < 4);
            return new Request(index, op, op.method(), target, headers, body, List.copyOf(mutations), badAuth,
                    Set.copyOf(personal), Set.copyOf(echoable));
        }

        // ---------------------------------------------------------------- path

        String path(boolean mutate) {
            String path = op.path();
            for (JsonNode p : spec.parameters(op)) {
                if (!"path".equals(p.path("in").asText())) {
                    continue;
                }
                String valid = validPathValue(p);
                String segment = mutate ? hostileSegment(valid) : encode(valid);
                path = path.replace("{" + p.path("name").asText() + "}", segment);
            }
            return path;
        }

        String validPathValue(JsonNode parameter) {
            boolean known = g.chance(0.85);
            if (op.path().startsWith("/chat/")) {
                conversation = targets.conversation(g);
                if (known) {
                    return conversation.id();
                }
            } else if (known && op.path().startsWith("/api/leads/")) {
                leadId = targets.lead(g);
                return leadId;
            } else if (known && op.path().startsWith("/api/users/")) {
                return targets.victim(g);
            }
            return RegexSample.of(spec.schema(parameter.path("schema")).path("pattern").asText(), g.random());
        }

        String hostileSegment(String valid) {
            String kind = g.oneOf("hostile-text", "malformed-escape", "encoded-slash", "dot-segment", "overlong",
                    "off-by-one", "mutated", "route-word", "empty", "unicode");
            mutations.add("path:" + kind);
            String raw = switch (kind) {
                case "hostile-text" -> shortString();
                case "mutated" -> g.mutate(valid);
                case "unicode" -> g.anyCodePointAsText() + valid;
                case "overlong" -> g.letters(g.oneOf(23, 65, 500, 3000));
                case "off-by-one" -> g.oneOf(valid + g.letters(1), valid.substring(0, valid.length() - 1), valid + "!", "=" + valid);
                default -> null;
            };
            if (raw != null) {
                echoable.add(raw);
                return encode(raw);
            }
            return switch (kind) {
                case "malformed-escape" -> g.oneOf("", valid) + g.oneOf("%zz", "%", "%C3", "%C3%28", "%ED%A0%80", "%00", "%FF%FE", "%2", "%%");
                case "encoded-slash" -> g.oneOf("%2F", valid + "%2F" + g.letters(3), "%2F..%2F" + valid, "%5C" + valid);
                case "dot-segment" -> g.oneOf("..", ".", "%2e%2e", "%2E", ".%2e");
                case "route-word" -> g.oneOf("overdue", "messages", "consents", "me", "null", "undefined", "0", "-1", "%7Bid%7D");
                default -> "";
            };
        }

        /** Hostile text short enough for a URL or a header (a huge one goes in bodies). */
        String shortString() {
            String s = g.string();
            return s.length() > 3000 ? g.text(8) : s;
        }

        // ---------------------------------------------------------------- query

        String query(boolean mutate) {
            List<JsonNode> params = spec.parameters(op).stream().filter(p -> "query".equals(p.path("in").asText())).toList();
            List<String> pairs = new ArrayList<>();
            for (JsonNode p : params) {
                if (g.chance(0.4)) {
                    String v = validQueryValue(p);
                    if (v != null) {
                        pairs.add(p.path("name").asText() + "=" + encode(v));
                    }
                }
            }
            if (mutate) {
                List<String> kinds = new ArrayList<>(List.of("unknown-param"));
                if (!params.isEmpty()) {
                    kinds.addAll(List.of("wrong-type", "hostile-value", "repeated", "malformed-escape", "no-equals",
                            "empty-value", "huge-value", "boundary"));
                }
                String kind = g.oneOf(kinds);
                mutations.add("query:" + kind);
                JsonNode p = params.isEmpty() ? null : g.oneOf(params);
                String name = p == null ? null : p.path("name").asText();
                String pair = switch (kind) {
                    case "unknown-param" -> {
                        String n = g.chance(0.5) ? g.letters(g.between(1, 12)) : shortString();
                        String v = shortString();
                        echoable.add(n);
                        echoable.add(v);
                        yield encode(n) + "=" + encode(v);
                    }
                    case "wrong-type" -> name + "=" + encode(wrongTypeParameter(p));
                    case "hostile-value" -> {
                        String v = shortString();
                        echoable.add(v);
                        yield name + "=" + encode(v);
                    }
                    case "repeated" -> name + "=" + encode(String.valueOf(validQueryValue(p))) + "&" + name + "="
                            + encode(String.valueOf(validQueryValue(p)));
                    case "malformed-escape" -> name + "=" + g.oneOf("%zz", "%", "%C3", "%ED%A0%80", "1%", "%00", "%2");
                    case "no-equals" -> name;
                    case "empty-value" -> name + "=";
                    case "huge-value" -> name + "=" + "9".repeat(g.oneOf(20, 41, 5000));
                    default -> name + "=" + encode(boundaryParameter(p));
                };
                pairs.add(g.between(0, pairs.size()), pair);
            }
            return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
        }

        String validQueryValue(JsonNode parameter) {
            String name = parameter.path("name").asText();
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            if (g.chance(0.85)) {
                switch (name) {
                    case "owner" -> {
                        return g.oneOf("me", "unassigned", targets.assignee(g));
                    }
                    case "flow" -> {
                        return g.oneOf("website-lead", "support-triage");
                    }
                    case "createdFrom", "createdTo" -> {
                        return g.chance(0.7) ? today.minusDays(g.between(0, 40)).toString()
                                : Instant.now().minus(g.between(0, 1000), ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
                    }
                    case "cursor" -> {
                        String c = targets.cursor(g);
                        if (c != null) {
                            return c;
                        }
                    }
                    case "to" -> {
                        return today.minusDays(g.between(0, 3)).toString();
                    }
                    case "from" -> {
                        return today.minusDays(g.between(3, 90)).toString();
                    }
                    case "source" -> {
                        return g.oneOf("(none)", "fuzz", "kept", "google");
                    }
                    default -> {
                        // from the schema
                    }
                }
            }
            return unquote(valid(parameter.path("schema"), name));
        }

        String wrongTypeParameter(JsonNode parameter) {
            JsonNode schema = spec.schema(parameter.path("schema"));
            if ("integer".equals(schema.path("type").asText())) {
                return g.oneOf("abc", "1.5", "1e2", "+5", " 5", "0x10", "NaN", "-", "true", "[1]", "99999999999999999999", "٣");
            }
            if ("date".equals(schema.path("format").asText()) || parameter.path("name").asText().startsWith("created")) {
                return g.oneOf("2026-13-01", "2026-02-30", "20260101", "+10000-01-01", "-0001-01-01", "2026-1-1", "today",
                        "2026-11-23T25:00:00Z", "1970-01-01T00:00:00", "0000-00-00", "2026-W48");
            }
            return g.oneOf("[]", "{}", "null", "true", "-1");
        }

        String boundaryParameter(JsonNode parameter) {
            JsonNode schema = spec.schema(parameter.path("schema"));
            if (schema.has("minimum") || schema.has("maximum")) {
                return String.valueOf(g.chance(0.5) ? schema.path("minimum").asLong(0) - 1 : schema.path("maximum").asLong(Long.MAX_VALUE - 1) + 1);
            }
            if (schema.has("maxLength")) {
                return g.letters(schema.path("maxLength").asInt() + 1);
            }
            if (schema.has("enum")) {
                return g.mutate(g.oneOf(enumValues(schema)));
            }
            if (schema.has("pattern")) {
                return RegexSample.of(schema.path("pattern").asText(), g.random()) + g.oneOf("!", " ", "\u00e9", "*");
            }
            return g.aroundLimit(g.oneOf(64, 100, 1000));
        }

        // ---------------------------------------------------------------- body

        byte[] noBody(boolean mutate) {
            if (!mutate) {
                return null;
            }
            mutations.add("body:where-none");
            return utf8(g.chance(0.5) ? g.body(Map.of()) : g.jsonValue(1));
        }

        byte[] body(boolean mutate) {
            JsonNode schema = spec.requestSchema(op);
            if (!mutate) {
                return utf8(valid(schema, ""));
            }
            String kind = g.oneOf("missing-required", "extra-field", "wrong-type", "null-field", "duplicate-key", "boundary",
                    "hostile-string", "nested", "hostile-mix", "hostile-mix", "not-json", "deep-nesting", "top-level-value",
                    "empty-body", "no-body", "huge-string", "invalid-utf8");
            mutations.add("body:" + kind);
            return switch (kind) {
                case "hostile-mix" -> utf8(g.body(fields(schema)));
                case "not-json" -> utf8(g.notJson());
                case "deep-nesting" -> utf8(g.deepJson(g.depth()));
                case "top-level-value" -> utf8(g.jsonValue(2));
                case "empty-body" -> new byte[0];
                case "no-body" -> null;
                case "invalid-utf8" -> {
                    byte[] valid = utf8(valid(schema, ""));
                    int at = Math.max(1, valid.length - 2);
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    b.write(valid, 0, at);
                    b.writeBytes(g.oneOf(new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                            new byte[]{(byte) 0xF0, (byte) 0x9F}, new byte[]{0}));
                    b.write(valid, at, valid.length - at);
                    yield b.toByteArray();
                }
                default -> utf8(mutatedObject(schema, kind, 0));
            };
        }

        /** The schema's object, valid but for one thing. */
        String mutatedObject(JsonNode schemaNode, String kind, int depth) {
            JsonNode schema = spec.schema(schemaNode);
            Map<String, String> members = members(schema);
            List<String> names = new ArrayList<>(members.keySet());
            JsonNode props = schema.path("properties");
            if (names.isEmpty()) {
                props.fieldNames().forEachRemaining(names::add);
                if (names.isEmpty()) {
                    names.add("x");
                }
                String n = g.oneOf(names);
                members.put(n, valid(props.path(n), n));
            }
            String name = g.oneOf(names);
            JsonNode fieldSchema = spec.schema(props.path(name));
            List<String> extra = new ArrayList<>();
            switch (kind) {
                case "missing-required" -> {
                    List<String> required = new ArrayList<>();
                    schema.path("required").forEach(r -> required.add(r.asText()));
                    if (required.isEmpty()) {
                        members.clear();
                    } else {
                        members.remove(g.oneOf(required));
                    }
                }
                case "extra-field" -> {
                    String n = g.chance(0.5) ? g.letters(g.between(1, 12)) : shortString();
                    echoable.add(n);
                    extra.add(g.quote(n) + ":" + g.jsonValue(1));
                }
                case "wrong-type" -> members.put(name, g.wrongType(1));
                case "null-field" -> members.put(name, "null");
                case "duplicate-key" -> extra.add(g.quote(name) + ":" + (g.chance(0.5) ? members.get(name) : valid(fieldSchema, name)));
                case "boundary" -> members.put(name, boundaryValue(fieldSchema));
                case "hostile-string" -> {
                    String s = g.chance(0.1) ? g.huge() : g.string();
                    echoable.add(s);
                    members.put(name, g.quote(s));
                }
                case "huge-string" -> members.put(name, g.quote(g.huge()));
                default -> { // nested: the same, one level down, where there is an object field
                    String nested = names.stream().filter(n -> spec.schema(props.path(n)).path("type").toString().contains("object"))
                            .findFirst().orElse(null);
                    if (nested != null && depth < 2) {
                        members.put(nested, mutatedObject(props.path(nested), g.oneOf("missing-required", "extra-field",
                                "wrong-type", "null-field", "duplicate-key", "boundary", "hostile-string"), depth + 1));
                    } else {
                        members.put(name, g.jsonObject(1, fields(schema)));
                    }
                }
            }
            List<String> out = new ArrayList<>();
            members.forEach((n, v) -> out.add(g.quote(n) + ":" + v));
            out.addAll(extra);
            Collections.shuffle(out, g.random());
            return "{" + String.join(",", out) + "}";
        }

        String boundaryValue(JsonNode schema) {
            if (schema.has("maxLength") || schema.has("minLength")) {
                return g.quote(g.chance(0.7) ? g.aroundLimit(schema.path("maxLength").asInt(100) + 1) : "");
            }
            if (schema.has("pattern")) {
                String s = RegexSample.of(schema.path("pattern").asText(), g.random());
                return g.quote(g.oneOf(s + g.oneOf("!", " ", "\u00e9", "\u0000", "\uD83D\uDE00"), s.toUpperCase() + "_", "-" + s, ""));
            }
            if (schema.has("enum")) {
                return g.quote(g.mutate(g.oneOf(enumValues(schema))));
            }
            if (schema.has("const")) {
                return g.quote(g.mutate(schema.path("const").asText()));
            }
            String type = schema.path("type").asText();
            if ("integer".equals(type)) {
                return g.oneOf("-1", "0", "2147483648", "9223372036854775808", "1.5", "1e3", "-0");
            }
            if ("boolean".equals(type)) {
                return g.oneOf("\"true\"", "1", "0", "\"yes\"");
            }
            return g.wrongType(1);
        }

        /** Hostile's view of the schema's fields: each a supplier of a valid value, as JSON text. */
        Map<String, Supplier<String>> fields(JsonNode schemaNode) {
            JsonNode schema = spec.schema(schemaNode);
            Map<String, Supplier<String>> out = new LinkedHashMap<>();
            schema.path("properties").fields().forEachRemaining(e -> out.put(e.getKey(), () -> valid(e.getValue(), e.getKey())));
            return out;
        }

        // ---------------------------------------------------------------- valid values

        /** A value valid per the schema, as JSON text; for fields the product knows, one that reaches a record. */
        String valid(JsonNode schemaNode, String name) {
            JsonNode schema = spec.schema(schemaNode);
            if (g.chance(0.85)) {
                String hint = hint(name);
                if (hint != null) {
                    return hint;
                }
            }
            if (schema.has("const")) {
                return schema.path("const").toString();
            }
            if (schema.has("enum")) {
                return schema.path("enum").get(g.random().nextInt(schema.path("enum").size())).toString();
            }
            if (schema.has("oneOf") && !schema.has("properties")) {
                return valid(schema.path("oneOf").get(g.random().nextInt(schema.path("oneOf").size())), name);
            }
            JsonNode type = schema.path("type");
            String t = type.isArray() ? (g.chance(0.85) ? type.get(0).asText() : type.get(type.size() - 1).asText()) : type.asText();
            if (t.isEmpty() && schema.has("properties")) {
                t = "object";
            }
            return switch (t) {
                case "object" -> {
                    List<String> out = new ArrayList<>();
                    members(schema).forEach((n, v) -> out.add(g.quote(n) + ":" + v));
                    yield "{" + String.join(",", out) + "}";
                }
                case "integer" -> String.valueOf(schema.path("minimum").asLong(0) + g.between(0, (int) Math.min(20,
                        schema.path("maximum").asLong(1_000) - schema.path("minimum").asLong(0))));
                case "boolean" -> g.oneOf("true", "false");
                case "null" -> "null";
                case "array" -> "[" + valid(schema.path("items"), name) + "]";
                default -> g.quote(validString(schema));
            };
        }

        String validString(JsonNode schema) {
            if (schema.has("pattern")) {
                return RegexSample.of(schema.path("pattern").asText(), g.random());
            }
            if ("date".equals(schema.path("format").asText())) {
                return LocalDate.now(ZoneOffset.UTC).minusDays(g.between(0, 30)).toString();
            }
            int max = schema.path("maxLength").asInt(40);
            return g.letters(g.between(Math.max(1, schema.path("minLength").asInt(1)), Math.min(max, 40)));
        }

        /**
         * The object's members, valid: the required ones and some others, within min/maxProperties; where
         * the object is one of several shapes (oneOf: which fields must be there), one shape's.
         */
        Map<String, String> members(JsonNode schema) {
            Map<String, String> members = new LinkedHashMap<>();
            Set<String> required = new HashSet<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            Set<String> excluded = new HashSet<>();
            if (schema.has("oneOf")) {
                JsonNode shapes = schema.path("oneOf");
                int chosen = g.random().nextInt(shapes.size());
                for (int i = 0; i < shapes.size(); i++) {
                    shapes.get(i).path("required").forEach(r -> excluded.add(r.asText()));
                }
                shapes.get(chosen).path("required").forEach(r -> {
                    excluded.remove(r.asText());
                    required.add(r.asText());
                });
            }
            List<String> optional = new ArrayList<>();
            schema.path("properties").fieldNames().forEachRemaining(n -> {
                if (!required.contains(n) && !excluded.contains(n)) {
                    optional.add(n);
                }
            });
            Collections.shuffle(optional, g.random());
            int max = schema.path("maxProperties").asInt(required.size() + optional.size());
            int min = schema.path("minProperties").asInt(0);
            int extra = Math.max(Math.max(0, min - required.size()), g.between(0, Math.max(0, Math.min(optional.size(), max - required.size()))));
            for (String n : schema.path("properties").properties().stream().map(Map.Entry::getKey).toList()) {
                JsonNode property = schema.path("properties").path(n);
                if (required.contains(n)) {
                    String v = valid(property, n);
                    for (int attempt = 0; attempt < 5 && v.equals("null"); attempt++) {
                        v = valid(property, n); // a required field is there: not null
                    }
                    members.put(n, v);
                } else if (optional.indexOf(n) >= 0 && optional.indexOf(n) < extra) {
                    members.put(n, valid(property, n));
                }
            }
            return members;
        }

        /** Values that reach the product's records (flows, choices, people, users), as JSON text; null if none. */
        String hint(String name) {
            return switch (name) {
                case "flowId" -> g.quote(g.oneOf("website-lead", "support-triage"));
                case "locale" -> g.quote(g.oneOf("en", "vi", "zh", "vi-VN"));
                case "source" -> g.quote(g.oneOf("fuzz", "google", "newsletter"));
                case "choice" -> g.quote(g.oneOf("demo", "pricing", "partnership", "other", "billing", "technical", "account",
                        "blocked", "degraded", "question", "yes", "no"));
                case "consent" -> "{\"purpose\":" + g.quote(g.oneOf("contact", "support")) + ",\"granted\":" + (g.chance(0.8) ? "true" : "false") + "}";
                case "clientMessageId" -> g.quote("fz-" + g.between(0, 100_000));
                case "text" -> {
                    int roll = g.between(0, 99);
                    if (roll < 45) {
                        FuzzTargets.Person p = g.oneOf(targets.people);
                        String v = g.oneOf(p.values());
                        personal.add(v);
                        yield g.quote(v);
                    }
                    yield g.quote(roll < 97 ? g.oneOf("I would like a demo", "Xin chào, tôi cần báo giá", "我想了解价格",
                            "Call me tomorrow morning", "Khách hàng hẹn gọi lại") : "forget me");
                }
                case "version" -> {
                    Long seen = leadId == null ? null : targets.version(leadId);
                    yield String.valueOf(seen != null && g.chance(0.8) ? seen : g.between(1, 6));
                }
                case "to", "successor" -> g.chance(0.85) ? g.quote(targets.assignee(g)) : "null";
                case "username" -> g.quote("fuzz.user%02d".formatted(g.between(0, 11)));
                case "email", "phone" -> {
                    FuzzTargets.Person p = g.oneOf(targets.people);
                    String v = name.equals("email") ? p.email() : p.phone();
                    personal.add(v);
                    yield g.quote(v);
                }
                default -> null;
            };
        }

        // ---------------------------------------------------------------- headers

        void contentType(List<String[]> headers, boolean mutate) {
            if (!mutate) {
                headers.add(new String[]{g.oneOf("Content-Type", "content-type"), g.oneOf("application/json", "application/json; charset=utf-8")});
                return;
            }
            Map<String, String> h = g.headers();
            mutations.add("content-type:" + (h.isEmpty() ? "none" : "varied"));
            h.forEach((k, v) -> headers.add(new String[]{headerName(k), headerValue(v)}));
        }

        void authorization(List<String[]> headers, boolean mutate) {
            String scheme = spec.security(op).orElse("");
            String value;
            switch (scheme) {
                case "conversationToken" -> {
                    FuzzTargets.Conversation c = conversation != null ? conversation : targets.conversation(g);
                    value = "Bearer " + c.token();
                    if (mutate) {
                        String kind = g.oneOf("missing", "other-conversation", "one-char-changed", "random", "hostile", "basic-scheme",
                                "no-scheme", "empty-bearer", "console-jwt", "huge");
                        mutations.add("auth:" + kind);
                        badAuth = true;
                        value = switch (kind) {
                            case "missing" -> null;
                            case "other-conversation" -> {
                                FuzzTargets.Conversation other = targets.conversation(g);
                                badAuth = !other.id().equals(c.id());
                                yield "Bearer " + other.token();
                            }
                            case "one-char-changed" -> {
                                char[] t = c.token().toCharArray();
                                int at = g.random().nextInt(t.length);
                                t[at] = t[at] == 'A' ? 'B' : 'A';
                                yield "Bearer " + new String(t);
                            }
                            case "random" -> "Bearer " + g.letters(43);
                            case "hostile" -> "Bearer " + headerValue(shortString());
                            case "basic-scheme" -> "Basic " + c.token();
                            case "no-scheme" -> c.token();
                            case "console-jwt" -> "Bearer " + targets.token(g.oneOf(FuzzTargets.ROLES));
                            case "huge" -> "Bearer " + c.token() + "A".repeat(g.oneOf(100, 20_000));
                            default -> "Bearer ";
                        };
                    } else if (g.chance(0.1)) {
                        value = "bearer " + c.token();
                    }
                }
                case "cognitoJwt" -> {
                    if (mutate) {
                        if (g.chance(0.15)) {
                            mutations.add("auth:odd-claims");
                            value = targets.oddClaims(g);
                        } else {
                            String[] bad = targets.badConsoleAuthorization(g);
                            mutations.add("auth:" + bad[0]);
                            badAuth = true;
                            value = bad[1];
                        }
                    } else {
                        value = "Bearer " + targets.token(g.oneOf(FuzzTargets.ROLES));
                    }
                }
                default -> {
                    value = null;
                    if (mutate) {
                        mutations.add("auth:ignored");
                        value = g.oneOf("Bearer " + g.letters(43), "Basic " + g.letters(8), headerValue(shortString()));
                    }
                }
            }
            if (value != null) {
                headers.add(new String[]{g.chance(0.9) ? "Authorization" : g.oneOf("authorization", "AUTHORIZATION"), value});
            }
        }

        /** A header name HTTP allows (a token); anything else becomes x-fuzz. */
        String headerName(String name) {
            return name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") ? name : "x-fuzz";
        }

        /** A header value HTTP can carry: no line breaks or other controls but tab. */
        String headerValue(String value) {
            StringBuilder b = new StringBuilder();
            value.codePoints().filter(c -> c == '\t' || c >= 0x20 && c != 0x7F).limit(8_000).forEach(b::appendCodePoint);
            return b.toString().strip();
        }

        private static byte[] utf8(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }

        private static String unquote(String json) {
            try {
                JsonNode n = LENIENT.readTree(json);
                return n.isTextual() ? n.textValue() : n.isNull() ? null : n.toString();
            } catch (Exception e) {
                return json;
            }
        }

        private static List<String> enumValues(JsonNode schema) {
            List<String> out = new ArrayList<>();
            schema.path("enum").forEach(v -> out.add(v.asText()));
            return out;
        }
    }

    /** Every string in a JSON body (values and keys), for the echo check; none if it does not parse. */
    static Set<String> strings(byte[] body) {
        Set<String> out = new HashSet<>();
        if (body == null) {
            return out;
        }
        try {
            collect(LENIENT.readTree(body), out);
        } catch (Exception | StackOverflowError notJson) {
            // nothing to collect
        }
        return out;
    }

    private static void collect(JsonNode node, Set<String> out) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            out.add(node.textValue());
        }
        node.properties().forEach(e -> {
            out.add(e.getKey());
            collect(e.getValue(), out);
        });
        if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        }
    }
}
