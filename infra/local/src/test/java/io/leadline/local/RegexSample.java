package io.leadline.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A string that matches a regular expression, for the patterns an OpenAPI document uses: anchors,
 * literals, escapes, character classes with ranges, groups (capturing or not) with alternatives, and
 * the quantifiers ?, *, +, {n}, {m,n}. Lengths lean short, now and then the longest allowed.
 */
final class RegexSample {

    private final String pattern;
    private final Random random;
    private int at;

    private RegexSample(String pattern, Random random) {
        this.pattern = pattern;
        this.random = random;
    }

    static String of(String pattern, Random random) {
        RegexSample r = new RegexSample(pattern, random);
        StringBuilder out = new StringBuilder();
        r.alternatives(out);
        if (r.at != pattern.length()) {
            throw new IllegalArgumentException("cannot sample /" + pattern + "/ past position " + r.at);
        }
        return out.toString();
    }

    private void alternatives(StringBuilder out) {
        List<StringBuilder> options = new ArrayList<>();
        options.add(new StringBuilder());
        while (at < pattern.length() && pattern.charAt(at) != ')') {
            if (pattern.charAt(at) == '|') {
                at++;
                options.add(new StringBuilder());
            } else {
                sequenceItem(options.get(options.size() - 1));
            }
        }
        out.append(options.get(random.nextInt(options.size())));
    }

    /** One atom and its quantifier, appended as many times as the quantifier allows. */
    private void sequenceItem(StringBuilder out) {
        char c = pattern.charAt(at);
        if (c == '^' || c == '$') {
            at++;
            return;
        }
        int atomStart = at;
        skipAtom();
        int atomEnd = at;
        int[] range = quantifier();
        int n = count(range[0], range[1]);
        for (int i = 0; i < n; i++) {
            int saved = at;
            at = atomStart;
            atom(out);
            if (at != atomEnd) {
                throw new IllegalStateException("atom parsed twice differently in /" + pattern + "/");
            }
            at = saved;
        }
    }

    private int count(int min, int max) {
        if (min == max) {
            return min;
        }
        int roll = random.nextInt(10);
        if (roll == 0) {
            return max;
        }
        int upper = Math.min(max, min + (roll < 6 ? 3 : 12));
        return min + random.nextInt(upper - min + 1);
    }

    private void atom(StringBuilder out) {
        char c = pattern.charAt(at);
        switch (c) {
            case '(' -> {
                at++;
                if (pattern.startsWith("?:", at)) {
                    at += 2;
                }
                alternatives(out);
                expect(')');
            }
            case '[' -> out.append(characterClass());
            case '\\' -> {
                out.append(escaped(pattern.charAt(at + 1)));
                at += 2;
            }
            case '.' -> {
                out.append((char) ('a' + random.nextInt(26)));
                at++;
            }
            default -> {
                out.append(c);
                at++;
            }
        }
    }

    private void skipAtom() {
        char c = pattern.charAt(at);
        if (c == '(') {
            int depth = 0;
            do {
                char x = pattern.charAt(at);
                if (x == '\\') {
                    at++;
                } else if (x == '(') {
                    depth++;
                } else if (x == ')') {
                    depth--;
                }
                at++;
            } while (depth > 0);
        } else if (c == '[') {
            at++;
            while (pattern.charAt(at) != ']') {
                at += pattern.charAt(at) == '\\' ? 2 : 1;
            }
            at++;
        } else {
            at += c == '\\' ? 2 : 1;
        }
    }

    private int[] quantifier() {
        if (at >= pattern.length()) {
            return new int[]{1, 1};
        }
        char q = pattern.charAt(at);
        switch (q) {
            case '?' -> {
                at++;
                return new int[]{0, 1};
            }
            case '*' -> {
                at++;
                return new int[]{0, 8};
            }
            case '+' -> {
                at++;
                return new int[]{1, 8};
            }
            case '{' -> {
                int close = pattern.indexOf('}', at);
                String[] bounds = pattern.substring(at + 1, close).split(",", -1);
                at = close + 1;
                int min = Integer.parseInt(bounds[0]);
                int max = bounds.length == 1 ? min : bounds[1].isEmpty() ? min + 8 : Integer.parseInt(bounds[1]);
                return new int[]{min, max};
            }
            default -> {
                return new int[]{1, 1};
            }
        }
    }

    private char characterClass() {
        expect('[');
        if (pattern.charAt(at) == '^') {
            throw new IllegalArgumentException("negated classes are not supported: /" + pattern + "/");
        }
        List<char[]> ranges = new ArrayList<>();
        while (pattern.charAt(at) != ']') {
            char from = pattern.charAt(at) == '\\' ? escaped(pattern.charAt(++at)) : pattern.charAt(at);
            at++;
            if (pattern.charAt(at) == '-' && pattern.charAt(at + 1) != ']') {
                at++;
                char to = pattern.charAt(at) == '\\' ? escaped(pattern.charAt(++at)) : pattern.charAt(at);
                at++;
                ranges.add(new char[]{from, to});
            } else {
                ranges.add(new char[]{from, from});
            }
        }
        at++;
        char[] r = ranges.get(random.nextInt(ranges.size()));
        return (char) (r[0] + random.nextInt(r[1] - r[0] + 1));
    }

    private char escaped(char c) {
        return switch (c) {
            case 'd' -> (char) ('0' + random.nextInt(10));
            case 'w' -> (char) ('a' + random.nextInt(26));
            case 's' -> ' ';
            case 'n' -> '\n';
            case 't' -> '\t';
            default -> c;
        };
    }

    private void expect(char c) {
        if (pattern.charAt(at) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + at + " in /" + pattern + "/");
        }
        at++;
    }
}
