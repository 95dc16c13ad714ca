package io.leadline.leadsapi;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Whole numbers in a query string, as the API promises them; each route words its own refusal. */
final class QueryNumbers {

    /**
     * ASCII digits only: Java's parsers also take other scripts' digits ("٣" is 3), which the API does
     * not promise and a cache or log reader would not expect. Eighteen digits always fit a long.
     */
    private static final Pattern INTEGER = Pattern.compile("^-?[0-9]{1,18}$");

    private QueryNumbers() {
    }

    /** The value as a number from min to max; empty if it is anything else. */
    static OptionalLong inRange(String value, long min, long max) {
        if (!INTEGER.matcher(value).matches()) {
            return OptionalLong.empty();
        }
        long n = Long.parseLong(value);
        return n < min || n > max ? OptionalLong.empty() : OptionalLong.of(n);
    }
}
