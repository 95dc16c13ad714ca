package io.leadline.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A small, seeded generator of hostile input for property tests (plain JUnit 5; the brief rules out
 * jqwik), and the checks every API answer must pass.
 *
 * <p>Reproduction: every property runs its cases from one seed, {@value #SEED_PROPERTY} (a fixed default
 * unless set), and each case from a seed derived from it. A failure names the property, the case number
 * and both seeds; rerun with {@code -Dleadline.seed=<seed>} (all cases) or add
 * {@code -Dleadline.case=<n>} (that case only). {@code -Dleadline.cases=<factor>} scales case counts
 * (for a longer fuzz run).
 */
public final class Hostile {

    public static final String SEED_PROPERTY = "leadline.seed";
    public static final String CASE_PROPERTY = "leadline.case";
    public static final String SCALE_PROPERTY = "leadline.cases";
    /** The default seed: fixed, so a run is repeatable; change it with -Dleadline.seed. */
    public static final long DEFAULT_SEED = 20261123L;

    /** One case of a property, given its own generator. */
    @FunctionalInterface
    public interface Case {
        void run(Hostile gen) throws Exception;
    }

    private final Random random;
    private final long seed;

    public Hostile(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    public long seed() {
        return seed;
    }

    public Random random() {
        return random;
    }

    /** The run's seed: -Dleadline.seed, or the fixed default. */
    public static long runSeed() {
        String s = System.getProperty(SEED_PROPERTY);
        return s == null || s.isBlank() ? DEFAULT_SEED : Long.parseLong(s.strip());
    }

    /** Case count scaled by -Dleadline.cases (a factor, default 1). */
    public static int cases(int base) {
        String s = System.getProperty(SCALE_PROPERTY);
        double factor = s == null || s.isBlank() ? 1.0 : Double.parseDouble(s.strip());
        return Math.max(1, (int) Math.round(base * factor));
    }

    /**
     * Runs {@code cases} cases of one property. Each case's seed depends only on the run seed, the
     * property's name and the case number, so one case can be replayed alone.
     */
    public static void forAll(String property, int cases, Case body) {
        long runSeed = runSeed();
        String only = System.getProperty(CASE_PROPERTY);
        int n = cases(cases);
        for (int i = 0; i < n; i++) {
            if (only != null && !only.isBlank() && Integer.parseInt(only.strip()) != i) {
                continue;
            }
            long caseSeed = mix(runSeed, property, i);
            try {
                body.run(new Hostile(caseSeed));
            } catch (Throwable t) {
                AssertionError e = new AssertionError("property '" + property + "' failed at case " + i
                        + " (case seed " + caseSeed + "); reproduce with -D" + SEED_PROPERTY + "=" + runSeed
                        + " -D" + CASE_PROPERTY + "=" + i + ": " + t, t);
                throw e;
            }
        }
        System.out.println("property '" + property + "': " + n + " cases passed (seed " + runSeed + ")");
    }

    /** The seed of case {@code i} of a property in a run with seed {@code seed}. */
    public static long mix(long seed, String property, int i) {
        long h = seed * 0x9E3779B97F4A7C15L + property.hashCode();
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + i;
        return h ^ (h >>> 29);
    }

    // ------------------------------------------------------------------ primitives

    public int between(int min, int maxInclusive) {
        return min + random.nextInt(maxInclusive - min + 1);
    }

    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    @SafeVarargs
    public final <T> T oneOf(T... values) {
        return values[random.nextInt(values.length)];
    }

    public <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    public final <T> T pick(Supplier<? extends T>... generators) {
        return generators[random.nextInt(generators.length)].get();
    }

    // ------------------------------------------------------------------ text

    static final String[] SPECIAL = {
            "\u0000", "\u0001", "\u0007", "\u0008", "\u000B", "\u000C", "\u001B", "\u001F", "\u007F",
            "\u0085", "\u009B", "\u009F", "\t", "\n", "\r", "\r\n",
            "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u180E",
            "\u202E", "\u202D", "\u202A", "\u202C", "\u2066", "\u2067", "\u2069", "\u200F", "\u200E", "\u061C",
            "\u2028", "\u2029", "\u00A0", "\u3000", "\u1680",
            "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uDC00\uD800", "\uD83D\uDE00", "\uD83D", "\uDE00",
            "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\uD83C\uDDFB\uD83C\uDDF3",
            "\uFFFF", "\uFFFE", "\uFFFD", "\uFDD0", "\uDBFF\uDFFF", "\uD834\uDD1E",
            "e\u0301", "\u0301\u0301\u0301", "Z\u0351\u0356\u0339\u0320", "\u0627\u0644\u0639\u0631\u0628\u064A\u0629",
            "\u05E2\u05D1\u05E8\u05D9\u05EA", "Nguy\u1EC5n Th\u1ECB Minh Khai", "\u4E2D\u6587", "\u0130", "\u0131",
            "\uFB00", "\u00DF", "\u1E9E", "\uFF21\uFF22", "\u0660\u0661\u0662",
            "\"", "\\", "'", "`", "<", ">", "&", "/", "{", "}", "[", "]", ":", ",", "%", "%00", "%zz", "%", "+",
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
            "'; DROP TABLE leads; --", "\" OR \"1\"=\"1", "${jndi:ldap://127.0.0.1/a}", "#{7*7}", "{{7*7}}",
            "%s%s%s%n", "../../../../etc/passwd", "..\\..\\", "\\u0000", "\\ud800", "null", "undefined",
            "true", "NaN", "-0", "1e309", "0x41", "forget me", "yes", "no", "demo", "contact", "marketing",
            "an@example.com", "a@b", "@", "0912 345 678", "+84912345678", "+999999999999999999999",
    };

    /** A random code point from anywhere in Unicode, surrogates and unassigned ones included. */
    public String anyCodePointAsText() {
        int kind = random.nextInt(6);
        return switch (kind) {
            case 0 -> String.valueOf((char) random.nextInt(0x80));
            case 1 -> String.valueOf((char) random.nextInt(0x800));
            case 2 -> String.valueOf((char) random.nextInt(0x10000)); // may be a lone surrogate
            case 3 -> new String(Character.toChars(0x10000 + random.nextInt(0x100000)));
            case 4 -> String.valueOf((char) (0xD800 + random.nextInt(0x800)));
            default -> String.valueOf((char) random.nextInt(0x20));
        };
    }

    /** Short hostile text: a mix of special sequences, ASCII and random code points. */
    public String text(int maxParts) {
        StringBuilder b = new StringBuilder();
        int parts = between(0, maxParts);
        for (int i = 0; i < parts; i++) {
            switch (random.nextInt(4)) {
                case 0 -> b.append(oneOf(SPECIAL));
                case 1 -> b.append(anyCodePointAsText());
                case 2 -> b.append(ascii(between(1, 8)));
                default -> b.append((char) ('a' + random.nextInt(26)));
            }
        }
        return b.toString();
    }

    public String ascii(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) (0x20 + random.nextInt(0x5F)));
        }
        return b.toString();
    }

    public String letters(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    /** Text around a limit: limit-1, limit, limit+1 characters (code points, some astral), or far beyond. */
    public String aroundLimit(int limit) {
        int n = oneOf(Math.max(0, limit - 1), limit, limit + 1, limit * 2 + 7, 0);
        String unit = oneOf("a", "\u1EC5", "\uD83D\uDE00", " ", "\u200B");
        return unit.repeat(n);
    }

    /** A huge string: 10 kB to 2 MB of one character or of random text repeated. */
    public String huge() {
        int n = chance(0.8) ? oneOf(9_000, 10_000, 100_000) : oneOf(1_000_001, 2_000_000);
        String unit = chance(0.2) ? text(4) : oneOf("A", "\u1EC5", "\uD83D\uDE00", "\u0000", "\\", "\"");
        if (unit.isEmpty()) {
            unit = "x";
        }
        return unit.repeat(Math.max(1, n / unit.length()));
    }

    /** Any hostile string, now and then one of {@code interesting} (valid values to mix in). */
    public String string(String... interesting) {
        int roll = random.nextInt(100);
        if (roll < 20 && interesting.length > 0) {
            String v = oneOf(interesting);
            return chance(0.5) ? v : mutate(v);
        }
        if (roll < 70) {
            return text(8);
        }
        if (roll < 80) {
            return oneOf(SPECIAL);
        }
        if (roll < 88) {
            return aroundLimit(oneOf(16, 20, 32, 35, 40, 64, 100, 254, 1000, 2000));
        }
        if (roll < 91) {
            return huge();
        }
        return ascii(between(0, 40));
    }

    /** A valid value with something hostile inserted, appended, or its case changed. */
    public String mutate(String v) {
        int at = v.isEmpty() ? 0 : random.nextInt(v.length() + 1);
        return switch (random.nextInt(6)) {
            case 0 -> v.substring(0, at) + oneOf(SPECIAL) + v.substring(at);
            case 1 -> v + oneOf(SPECIAL);
            case 2 -> oneOf(SPECIAL) + v;
            case 3 -> v.toUpperCase(java.util.Locale.ROOT);
            case 4 -> " " + v + " ";
            default -> v.repeat(between(2, 70));
        };
    }

    // ------------------------------------------------------------------ JSON text

    /** A JSON string literal; lone surrogates and controls are written as \\u escapes (so Jackson sees them). */
    public String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        boolean raw = chance(0.03);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 && !raw) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c) && !raw) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Numbers at the edges, as JSON text (some of them not valid JSON). */
    public String number() {
        return oneOf("0", "-0", "1", "-1", "0.5", "1.0", "2147483647", "2147483648", "-2147483649",
                "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
                "1e308", "1e309", "-1e309", "1e-400", "4.9e-324", "1.7976931348623157e308", "1E2", "1e+2",
                "12345678901234567890123456789012345678901234567890", "0.000000000000000000000000000000000000000000001",
                "1" + "0".repeat(between(39, 2000)), "NaN", "Infinity", "-Infinity", "01", "+1", ".5", "1.", "0x10",
                "1_000", String.valueOf(random.nextLong()), String.valueOf(random.nextDouble() * 1e6),
                String.valueOf(between(-3, 5)));
    }

    /** Any JSON value (possibly nested), or something that looks like one. */
    public String jsonValue(int depth) {
        int roll = random.nextInt(depth <= 0 ? 6 : 9);
        return switch (roll) {
            case 0, 1 -> quote(string());
            case 2 -> number();
            case 3 -> oneOf("true", "false", "null", "True", "nul", "undefined", "[]", "{}", "\"\"");
            case 4 -> quote(oneOf(SPECIAL));
            case 5 -> quote("");
            case 6 -> jsonArray(depth - 1);
            case 7 -> jsonObject(depth - 1, Map.of());
            default -> deepJson(between(2, 20));
        };
    }

    public String jsonArray(int depth) {
        List<String> items = new ArrayList<>();
        int n = between(0, 4);
        for (int i = 0; i < n; i++) {
            items.add(jsonValue(depth));
        }
        return "[" + String.join(",", items) + "]";
    }

    /** Nesting around and far beyond a parser's depth limit. */
    public String deepJson(int depth) {
        String open = chance(0.5) ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String inner = oneOf("1", "\"x\"", "null", "{}", "[]");
        boolean closed = chance(0.9);
        return open.repeat(depth) + inner + (closed ? close.repeat(depth) : "");
    }

    /** Nesting depth worth trying: just under, at and over 16, and absurd. */
    public int depth() {
        return oneOf(14, 15, 16, 17, 18, 64, 1000, 5000);
    }

    /**
     * A JSON object with the given fields, each present with a valid value, a hostile value or a value
     * of the wrong type, or missing; sometimes with unknown or duplicate fields.
     */
    public String jsonObject(int depth, Map<String, Supplier<String>> fields) {
        List<String> members = new ArrayList<>();
        for (Map.Entry<String, Supplier<String>> f : fields.entrySet()) {
            int roll = random.nextInt(100);
            if (roll < 15) {
                continue; // missing
            }
            String value;
            if (roll < 60) {
                value = f.getValue().get(); // valid (as JSON text)
            } else if (roll < 80) {
                value = quote(string());
            } else {
                value = wrongType(depth);
            }
            members.add(quote(f.getKey()) + ":" + value);
            if (chance(0.05)) {
                members.add(quote(f.getKey()) + ":" + (chance(0.5) ? value : jsonValue(0))); // duplicate key
            }
        }
        if (chance(fields.isEmpty() ? 0.7 : 0.12)) {
            int n = between(1, 3);
            for (int i = 0; i < n; i++) {
                members.add(quote(chance(0.5) ? letters(between(1, 10)) : string()) + ":" + jsonValue(Math.max(0, depth)));
            }
        }
        java.util.Collections.shuffle(members, random);
        return "{" + String.join(chance(0.02) ? " , " : ",", members) + "}";
    }

    /** A value of some other JSON type than the field expects (the field may expect any). */
    public String wrongType(int depth) {
        return switch (random.nextInt(7)) {
            case 0 -> number();
            case 1 -> oneOf("true", "false");
            case 2 -> "null";
            case 3 -> jsonArray(Math.max(0, depth));
            case 4 -> jsonObject(Math.max(0, depth), Map.of());
            case 5 -> deepJson(depth());
            default -> "[" + quote(string()) + "]";
        };
    }

    /** Text that is not (quite) JSON. */
    public String notJson() {
        return switch (random.nextInt(12)) {
            case 0 -> ascii(between(1, 30));
            case 1 -> text(10);
            case 2 -> "[" + "1,".repeat(between(10, 10_000)) + "1]";
            case 3 -> "{\"a\":" + quote(chance(0.2) ? huge() : aroundLimit(between(1, 9000))) + "}";
            case 4 -> deepJson(depth());
            case 5 -> "{\"a\":\"" + "\u0001" + "\"}";
            default -> oneOf(
                    "", " ", "{", "}", "{\"a\":}", "{\"a\" 1}", "{'a':1}", "{a:1}", "{\"a\":1,}", "[1,]", "{} {}",
                    "{\"a\":1}x", "\uFEFF{}", "/* c */{}", "{\"a\":1 // c\n}", "nul", "tru", "\"unterminated",
                    "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\ud800\"}", "{\"\\u0000\":0}",
                    "\u0000", "<xml/>", "a=1&b=2", "{\"a\":01}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":-}",
                    "{\"a\":1e}");
        };
    }

    /**
     * A request body: mostly an object with these fields (valid, hostile, wrong-typed or missing), else
     * another JSON value at the top, or not JSON at all.
     */
    public String body(Map<String, Supplier<String>> fields) {
        int roll = random.nextInt(100);
        if (roll < 20 && !fields.isEmpty()) {
            return nearlyValid(fields, false);
        }
        if (roll < 40 && !fields.isEmpty()) {
            return nearlyValid(fields, true);
        }
        if (roll < 70) {
            return jsonObject(between(0, 3), fields);
        }
        if (roll < 80) {
            return jsonValue(2);
        }
        if (roll < 85) {
            return deepJson(depth());
        }
        return notJson();
    }

    /**
     * An object with every field valid, or (if {@code spoil}) all but one, which is hostile, of the wrong
     * type or missing; so that requests get past the first check and into the deeper ones.
     */
    public String nearlyValid(Map<String, Supplier<String>> fields, boolean spoil) {
        List<String> names = new ArrayList<>(fields.keySet());
        String spoilt = spoil ? oneOf(names) : null;
        List<String> members = new ArrayList<>();
        for (String name : names) {
            if (!name.equals(spoilt)) {
                members.add(quote(name) + ":" + fields.get(name).get());
                continue;
            }
            switch (random.nextInt(5)) {
                case 0 -> {
                }
                case 1 -> members.add(quote(name) + ":" + wrongType(1));
                case 2 -> members.add(quote(name) + ":" + fields.get(name).get() + "," + quote(name) + ":" + fields.get(name).get());
                default -> members.add(quote(name) + ":" + quote(string()));
            }
        }
        return "{" + String.join(",", members) + "}";
    }

    /** Fields in insertion order, for {@link #body}. */
    public static Map<String, Supplier<String>> fields(Object... nameAndValid) {
        Map<String, Supplier<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < nameAndValid.length; i += 2) {
            @SuppressWarnings("unchecked")
            Supplier<String> s = (Supplier<String>) nameAndValid[i + 1];
            out.put((String) nameAndValid[i], s);
        }
        return out;
    }

    /** Headers: usually JSON, sometimes another content type, an odd case, or none. */
    public Map<String, String> headers() {
        Map<String, String> h = new HashMap<>();
        int roll = random.nextInt(100);
        if (roll < 70) {
            h.put(oneOf("content-type", "Content-Type", "CONTENT-TYPE"), oneOf("application/json",
                    "application/json; charset=utf-8", "APPLICATION/JSON", "text/plain;charset=UTF-8"));
        } else if (roll < 90) {
            h.put("content-type", chance(0.2) ? text(6) : oneOf("application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "text/html", "application/xml", "", "*/*", "application/jsonp", "json"));
        }
        if (chance(0.1)) {
            h.put(text(4), text(6));
        }
        return h;
    }

    // ------------------------------------------------------------------ events and answers

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ERROR_CODE = Pattern.compile("^[a-z][a-z_]{1,40}$");
    /** What a leaked exception looks like: a stack frame, an exception class, a package name. */
    private static final Pattern LEAK = Pattern.compile(
            "\\tat |\\bat [a-z]+\\.[a-z]+\\.|[A-Za-z]+(Exception|Error)\\b|\\b(java|javax|jdk|sun|com\\.fasterxml|"
                    + "software\\.amazon|com\\.amazonaws|io\\.leadline|org\\.springframework|dagger)\\.[a-z]"
                    + "|\\.java:\\d+");

    /**
     * The API answered as it must: a 2xx (with a JSON body unless 204) or a 4xx in the error format
     * {@code {"error":{"code","message","requestId"}}}; never a 5xx, never a stack trace or class name.
     * Returns the parsed body (an empty object for 204).
     */
    public static JsonNode assertSafeAnswer(APIGatewayV2HTTPResponse r, String what) {
        if (r == null) {
            throw new AssertionError(what + ": no response");
        }
        int status = r.getStatusCode();
        String body = r.getBody();
        if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
            throw new AssertionError(what + ": status " + status + " body " + abbreviate(body));
        }
        if (status == 204) {
            return JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(what + ": status " + status + " with a body that is not JSON: " + abbreviate(body));
        }
        if (node == null || !node.isObject()) {
            throw new AssertionError(what + ": status " + status + " with a body that is not a JSON object: " + abbreviate(body));
        }
        String contentType = r.getHeaders() == null ? null : r.getHeaders().get("content-type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            throw new AssertionError(what + ": status " + status + " without a JSON content type: " + r.getHeaders());
        }
        if (status >= 400) {
            JsonNode error = node.get("error");
            if (error == null || !error.isObject() || !error.path("code").isTextual() || !error.path("message").isTextual()
                    || !ERROR_CODE.matcher(error.path("code").asText()).matches()) {
                throw new AssertionError(what + ": status " + status + " not in the error format: " + abbreviate(body));
            }
            if (LEAK.matcher(body).find()) {
                throw new AssertionError(what + ": error body leaks internals: " + abbreviate(body));
            }
        } else if (body.contains("\tat ") || body.contains("Exception:")) {
            throw new AssertionError(what + ": body looks like a stack trace: " + abbreviate(body));
        }
        return node;
    }

    public static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 400 ? s : s.substring(0, 400) + "…(" + s.length() + " chars)";
    }

    /** What a request looked like, for a failure message (long values cut, controls escaped). */
    public static String describe(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        String cut = s.length() <= 120 ? s : s.substring(0, 120);
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (c < 0x20 || c == 0x7F || Character.isSurrogate(c) || (c >= 0x200B && c <= 0x206F) || c == 0xFEFF) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (s.length() > 120) {
            b.append("…(").append(s.length()).append(" chars)");
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ stored data

    /** Every item of every table of a test environment, to compare before and after a rejected request. */
    public static Map<String, Set<Map<String, AttributeValue>>> snapshot(TestEnvironment env) {
        Map<String, Set<Map<String, AttributeValue>>> out = new TreeMap<>();
        for (String table : env.allTables()) {
            out.put(table, new HashSet<>(env.rawItems(table)));
        }
        return out;
    }

    /** Which tables differ between two snapshots, and how many items each gained or lost. */
    public static String diff(Map<String, Set<Map<String, AttributeValue>>> before,
                              Map<String, Set<Map<String, AttributeValue>>> after) {
        StringBuilder b = new StringBuilder();
        for (String table : before.keySet()) {
            Set<Map<String, AttributeValue>> x = before.get(table);
            Set<Map<String, AttributeValue>> y = after.getOrDefault(table, Set.of());
            if (!x.equals(y)) {
                Set<Map<String, AttributeValue>> gone = new HashSet<>(x);
                gone.removeAll(y);
                Set<Map<String, AttributeValue>> added = new HashSet<>(y);
                added.removeAll(x);
                b.append(table).append(": ").append(gone.size()).append(" items changed or removed, ")
                        .append(added.size()).append(" changed or added; ");
            }
        }
        return b.toString();
    }
}
