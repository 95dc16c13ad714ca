package io.leadline.bench.warm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DynamoDB's condition, key-condition, filter, projection and update expressions over items in
 * DynamoDB JSON ({@code {"name": {"S": "..."}}}), top-level attributes only: what Leadline's repositories
 * write. Anything outside that subset throws, so a benchmark cannot silently run on a wrong answer.
 */
final class Expressions {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Placeholders of one request: {@code #name → attribute}, {@code :value → value}. */
    record Context(JsonNode names, JsonNode values) {
        String name(String token) {
            if (!token.startsWith("#")) {
                return token;
            }
            JsonNode n = names == null ? null : names.get(token);
            if (n == null) {
                throw new IllegalArgumentException("undefined name " + token);
            }
            return n.asText();
        }

        JsonNode value(String token) {
            JsonNode v = values == null ? null : values.get(token);
            if (v == null) {
                throw new IllegalArgumentException("undefined value " + token);
            }
            return v;
        }
    }

    sealed interface Operand permits Path, Placeholder, Arithmetic, Function {
        /** The operand's value, or null when it names a missing attribute. */
        JsonNode eval(Context c, ObjectNode item);
    }

    record Path(String token) implements Operand {
        public JsonNode eval(Context c, ObjectNode item) {
            return item == null ? null : item.get(c.name(token));
        }
    }

    record Placeholder(String token) implements Operand {
        public JsonNode eval(Context c, ObjectNode item) {
            return c.value(token);
        }
    }

    record Arithmetic(Operand left, char op, Operand right) implements Operand {
        public JsonNode eval(Context c, ObjectNode item) {
            BigDecimal l = number(left.eval(c, item));
            BigDecimal r = number(right.eval(c, item));
            return n(op == '+' ? l.add(r) : l.subtract(r));
        }
    }

    record Function(String name, List<Operand> args) implements Operand {
        public JsonNode eval(Context c, ObjectNode item) {
            return switch (name) {
                case "if_not_exists" -> {
                    JsonNode v = args.get(0).eval(c, item);
                    yield v != null ? v : args.get(1).eval(c, item);
                }
                case "list_append" -> {
                    ArrayNode out = NODES.arrayNode();
                    out.addAll((ArrayNode) args.get(0).eval(c, item).get("L"));
                    out.addAll((ArrayNode) args.get(1).eval(c, item).get("L"));
                    ObjectNode l = NODES.objectNode();
                    l.set("L", out);
                    yield l;
                }
                default -> throw new IllegalArgumentException("unsupported function " + name);
            };
        }
    }

    sealed interface Condition permits Compare, Between, In, And, Or, Not, Predicate {
        boolean test(Context c, ObjectNode item);
    }

    record Compare(Operand left, String op, Operand right) implements Condition {
        public boolean test(Context c, ObjectNode item) {
            JsonNode l = left.eval(c, item);
            JsonNode r = right.eval(c, item);
            if (op.equals("=")) {
                return equal(l, r);
            }
            if (op.equals("<>")) {
                return !equal(l, r);
            }
            Integer cmp = compare(l, r);
            if (cmp == null) {
                return false;
            }
            return switch (op) {
                case "<" -> cmp < 0;
                case "<=" -> cmp <= 0;
                case ">" -> cmp > 0;
                case ">=" -> cmp >= 0;
                default -> throw new IllegalArgumentException(op);
            };
        }
    }

    record Between(Operand value, Operand low, Operand high) implements Condition {
        public boolean test(Context c, ObjectNode item) {
            JsonNode v = value.eval(c, item);
            Integer lo = compare(v, low.eval(c, item));
            Integer hi = compare(v, high.eval(c, item));
            return lo != null && hi != null && lo >= 0 && hi <= 0;
        }
    }

    record In(Operand value, List<Operand> options) implements Condition {
        public boolean test(Context c, ObjectNode item) {
            JsonNode v = value.eval(c, item);
            for (Operand o : options) {
                if (equal(v, o.eval(c, item))) {
                    return true;
                }
            }
            return false;
        }
    }

    record And(Condition left, Condition right) implements Condition {
        public boolean test(Context c, ObjectNode item) {
            return left.test(c, item) && right.test(c, item);
        }
    }

    record Or(Condition left, Condition right) implements Condition {
        public boolean test(Context c, ObjectNode item) {
            return left.test(c, item) || right.test(c, item);
        }
    }

    record Not(Condition inner) implements Condition {
        public boolean test(Context c, ObjectNode item) {
            return !inner.test(c, item);
        }
    }

    record Predicate(String name, List<Operand> args) implements Condition {
        public boolean test(Context c, ObjectNode item) {
            JsonNode first = args.get(0).eval(c, item);
            return switch (name) {
                case "attribute_exists" -> first != null;
                case "attribute_not_exists" -> first == null;
                case "begins_with" -> {
                    JsonNode prefix = args.get(1).eval(c, item);
                    yield first != null && first.has("S") && first.get("S").asText().startsWith(prefix.get("S").asText());
                }
                case "contains" -> {
                    JsonNode needle = args.get(1).eval(c, item);
                    if (first == null) {
                        yield false;
                    }
                    if (first.has("S")) {
                        yield first.get("S").asText().contains(needle.get("S").asText());
                    }
                    JsonNode set = first.has("SS") ? first.get("SS") : first.has("NS") ? first.get("NS") : null;
                    yield set != null && set.toString().contains(needle.elements().next().toString());
                }
                default -> throw new IllegalArgumentException("unsupported function " + name);
            };
        }
    }

    /** One SET, ADD, REMOVE or DELETE action of an update expression. */
    record Action(String kind, Path path, Operand value) {
    }

    private static final Map<String, Condition> CONDITIONS = new ConcurrentHashMap<>();
    private static final Map<String, List<Action>> UPDATES = new ConcurrentHashMap<>();
    private static final Map<String, List<Path>> PROJECTIONS = new ConcurrentHashMap<>();

    private Expressions() {
    }

    static Condition condition(String expression) {
        return CONDITIONS.computeIfAbsent(expression, e -> {
            Parser p = new Parser(e);
            Condition c = p.condition();
            p.end();
            return c;
        });
    }

    static List<Action> update(String expression) {
        return UPDATES.computeIfAbsent(expression, e -> new Parser(e).update());
    }

    static List<Path> projection(String expression) {
        return PROJECTIONS.computeIfAbsent(expression, e -> {
            Parser p = new Parser(e);
            List<Path> paths = new ArrayList<>();
            do {
                paths.add(p.path());
            } while (p.accept(","));
            p.end();
            return paths;
        });
    }

    /** Applies an update to a copy of {@code item}; returns the names of the attributes it touched. */
    static Set<String> apply(List<Action> actions, Context c, ObjectNode item) {
        ObjectNode before = item.deepCopy();
        Set<String> touched = new LinkedHashSet<>();
        for (Action a : actions) {
            String name = c.name(a.path().token());
            touched.add(name);
            switch (a.kind()) {
                case "SET" -> item.set(name, a.value().eval(c, before));
                case "REMOVE" -> item.remove(name);
                case "ADD" -> {
                    JsonNode old = before.get(name);
                    JsonNode delta = a.value().eval(c, before);
                    if (delta.has("N")) {
                        item.set(name, n((old == null ? BigDecimal.ZERO : number(old)).add(number(delta))));
                    } else {
                        item.set(name, setUnion(old, delta));
                    }
                }
                case "DELETE" -> {
                    JsonNode old = before.get(name);
                    if (old != null) {
                        JsonNode minus = setMinus(old, a.value().eval(c, before));
                        if (minus == null) {
                            item.remove(name);
                        } else {
                            item.set(name, minus);
                        }
                    }
                }
                default -> throw new IllegalArgumentException(a.kind());
            }
        }
        return touched;
    }

    static boolean equal(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.has("N") && b.has("N")) {
            return number(a).compareTo(number(b)) == 0;
        }
        return a.equals(b);
    }

    /** Orders two scalars of the same type (S, N, B); null when they cannot be ordered. */
    static Integer compare(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return null;
        }
        if (a.has("N") && b.has("N")) {
            return number(a).compareTo(number(b));
        }
        if (a.has("S") && b.has("S")) {
            return a.get("S").asText().compareTo(b.get("S").asText());
        }
        if (a.has("B") && b.has("B")) {
            return java.util.Arrays.compareUnsigned(java.util.Base64.getDecoder().decode(a.get("B").asText()),
                    java.util.Base64.getDecoder().decode(b.get("B").asText()));
        }
        return null;
    }

    static BigDecimal number(JsonNode n) {
        if (n == null || !n.has("N")) {
            throw new IllegalArgumentException("not a number: " + n);
        }
        return new BigDecimal(n.get("N").asText());
    }

    static ObjectNode n(BigDecimal value) {
        return NODES.objectNode().put("N", value.stripTrailingZeros().toPlainString());
    }

    private static JsonNode setUnion(JsonNode old, JsonNode delta) {
        String type = delta.fieldNames().next();
        Set<String> all = new LinkedHashSet<>();
        if (old != null) {
            old.get(type).forEach(v -> all.add(v.asText()));
        }
        delta.get(type).forEach(v -> all.add(v.asText()));
        ObjectNode out = NODES.objectNode();
        ArrayNode values = out.putArray(type);
        all.forEach(values::add);
        return out;
    }

    private static JsonNode setMinus(JsonNode old, JsonNode delta) {
        String type = delta.fieldNames().next();
        Set<String> left = new LinkedHashSet<>();
        old.get(type).forEach(v -> left.add(v.asText()));
        delta.get(type).forEach(v -> left.remove(v.asText()));
        if (left.isEmpty()) {
            return null;
        }
        ObjectNode out = NODES.objectNode();
        ArrayNode values = out.putArray(type);
        left.forEach(values::add);
        return out;
    }

    /** A recursive-descent parser over one expression's tokens. */
    private static final class Parser {
        private final List<String> tokens = new ArrayList<>();
        private int at;

        Parser(String text) {
            int i = 0;
            while (i < text.length()) {
                char ch = text.charAt(i);
                if (Character.isWhitespace(ch)) {
                    i++;
                } else if (Character.isLetterOrDigit(ch) || ch == '#' || ch == ':' || ch == '_') {
                    int j = i + 1;
                    while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_'
                            || text.charAt(j) == '-')) {
                        j++;
                    }
                    tokens.add(text.substring(i, j));
                    i = j;
                } else if ((ch == '<' || ch == '>') && i + 1 < text.length() && (text.charAt(i + 1) == '=' || text.charAt(i + 1) == '>')) {
                    tokens.add(text.substring(i, i + 2));
                    i += 2;
                } else if ("()=<>,+-".indexOf(ch) >= 0) {
                    tokens.add(String.valueOf(ch));
                    i++;
                } else {
                    throw new IllegalArgumentException("unsupported expression (" + ch + "): " + text);
                }
            }
        }

        String peek() {
            return at < tokens.size() ? tokens.get(at) : "";
        }

        boolean keyword(String k) {
            return peek().equalsIgnoreCase(k);
        }

        boolean accept(String t) {
            if (peek().equalsIgnoreCase(t)) {
                at++;
                return true;
            }
            return false;
        }

        void expect(String t) {
            if (!accept(t)) {
                throw new IllegalArgumentException("expected " + t + " at " + at + " in " + tokens);
            }
        }

        void end() {
            if (at != tokens.size()) {
                throw new IllegalArgumentException("unexpected " + peek() + " in " + tokens);
            }
        }

        Condition condition() {
            Condition left = conjunction();
            while (accept("OR")) {
                left = new Or(left, conjunction());
            }
            return left;
        }

        private Condition conjunction() {
            Condition left = negation();
            while (accept("AND")) {
                left = new And(left, negation());
            }
            return left;
        }

        private Condition negation() {
            if (accept("NOT")) {
                return new Not(negation());
            }
            if (accept("(")) {
                Condition inner = condition();
                expect(")");
                return inner;
            }
            String t = peek();
            if (at + 1 < tokens.size() && tokens.get(at + 1).equals("(") && isPredicate(t)) {
                at++;
                return new Predicate(t.toLowerCase(Locale.ROOT), arguments());
            }
            Operand left = operand();
            if (accept("BETWEEN")) {
                Operand low = operand();
                expect("AND");
                return new Between(left, low, operand());
            }
            if (accept("IN")) {
                return new In(left, arguments());
            }
            String op = peek();
            if (!List.of("=", "<>", "<", "<=", ">", ">=").contains(op)) {
                throw new IllegalArgumentException("expected a comparator, found " + op + " in " + tokens);
            }
            at++;
            return new Compare(left, op, operand());
        }

        private static boolean isPredicate(String t) {
            return List.of("attribute_exists", "attribute_not_exists", "begins_with", "contains").contains(t.toLowerCase(Locale.ROOT));
        }

        private List<Operand> arguments() {
            expect("(");
            List<Operand> args = new ArrayList<>();
            do {
                args.add(operand());
            } while (accept(","));
            expect(")");
            return args;
        }

        Path path() {
            String t = peek();
            if (t.isEmpty() || t.startsWith(":") || "()=<>,+-".contains(t)) {
                throw new IllegalArgumentException("expected an attribute at " + at + " in " + tokens);
            }
            at++;
            return new Path(t);
        }

        private Operand operand() {
            String t = peek();
            if (t.startsWith(":")) {
                at++;
                return new Placeholder(t);
            }
            if (at + 1 < tokens.size() && tokens.get(at + 1).equals("(")) {
                at++;
                return new Function(t.toLowerCase(Locale.ROOT), arguments());
            }
            return path();
        }

        private Operand value() {
            Operand left = operand();
            if (accept("+")) {
                return new Arithmetic(left, '+', operand());
            }
            if (accept("-")) {
                return new Arithmetic(left, '-', operand());
            }
            return left;
        }

        List<Action> update() {
            List<Action> actions = new ArrayList<>();
            while (at < tokens.size()) {
                String kind = tokens.get(at++).toUpperCase(Locale.ROOT);
                do {
                    Path path = path();
                    switch (kind) {
                        case "SET" -> {
                            expect("=");
                            actions.add(new Action(kind, path, value()));
                        }
                        case "ADD", "DELETE" -> actions.add(new Action(kind, path, operand()));
                        case "REMOVE" -> actions.add(new Action(kind, path, null));
                        default -> throw new IllegalArgumentException("unsupported update clause " + kind);
                    }
                } while (accept(","));
                if (at < tokens.size() && !List.of("SET", "ADD", "REMOVE", "DELETE").contains(peek().toUpperCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("unexpected " + peek() + " in " + tokens);
                }
            }
            return actions;
        }
    }
}
