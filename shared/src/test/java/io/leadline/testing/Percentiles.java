package io.leadline.testing;

import java.util.Arrays;

/** Nearest-rank percentiles, as every figure in BENCHMARKS.md and the load tests report them. */
public final class Percentiles {

    private Percentiles() {
    }

    public static double of(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[rank(sorted.length, p)];
    }

    public static long of(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[rank(sorted.length, p)];
    }

    private static int rank(int n, int p) {
        int i = (int) Math.ceil(p / 100.0 * n) - 1;
        return Math.max(0, Math.min(n - 1, i));
    }
}
