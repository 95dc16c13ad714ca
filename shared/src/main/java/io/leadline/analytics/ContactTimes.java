package io.leadline.analytics;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Time from capture to first contact as a histogram of fixed buckets, so the median and p90 over any
 * date range come from summed counters instead of every lead's time. A quantile is reported as the
 * upper bound of its bucket ("at most 30 minutes"); past the last bound it is unknown (empty).
 */
public final class ContactTimes {

    /** Bucket upper bounds in minutes: a minute, … an hour, … a day, … a week, a month. */
    static final long[] UPPER = {1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 720, 1440, 2880, 4320, 10080, 20160, 43200};
    static final String PREFIX = "t_";
    static final String OVER = PREFIX + "over";

    private ContactTimes() {
    }

    /** The counter attribute for a contact this many minutes after capture. */
    static String bucket(long minutes) {
        for (long upper : UPPER) {
            if (minutes < upper) {
                return PREFIX + upper;
            }
        }
        return OVER;
    }

    public static long contacted(Map<String, Long> counters) {
        long n = counters.getOrDefault(OVER, 0L);
        for (long upper : UPPER) {
            n += counters.getOrDefault(PREFIX + upper, 0L);
        }
        return n;
    }

    /** The q-quantile (0 < q ≤ 1) as a bucket's upper bound in minutes; empty with no contacts or past the last bound. */
    public static OptionalLong quantile(Map<String, Long> counters, double q) {
        long total = contacted(counters);
        if (total == 0) {
            return OptionalLong.empty();
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (long upper : UPPER) {
            seen += counters.getOrDefault(PREFIX + upper, 0L);
            if (seen >= rank) {
                return OptionalLong.of(upper);
            }
        }
        return OptionalLong.empty();
    }
}
