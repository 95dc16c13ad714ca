package io.leadline.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/** Counts of a fuzz run: requests per operation, statuses, mutations, and the failures in full. */
final class FuzzReport {

    /** Failures kept in full (all are counted). */
    private static final int KEEP = 200;

    private final LongAdder requests = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<String, Map<Integer, LongAdder>> perOperation = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> mutations = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failureKinds = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> notes = new ConcurrentHashMap<>();

    /** An answer that is fine but counted apart (throttled, refused by the HTTP server). */
    void note(String what) {
        notes.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    void record(OpenApiFuzzer.Request rq, String operationId, int status, List<String> problems) {
        requests.increment();
        perOperation.computeIfAbsent(operationId, k -> new ConcurrentHashMap<>()).computeIfAbsent(status, k -> new LongAdder()).increment();
        statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
        for (String m : rq.mutations()) {
            mutations.computeIfAbsent(m, k -> new LongAdder()).increment();
        }
        if (!problems.isEmpty()) {
            failed.increment();
            for (String p : problems) {
                failureKinds.computeIfAbsent(p.substring(0, Math.max(0, p.indexOf(':'))), k -> new LongAdder()).increment();
            }
            if (failures.size() < KEEP) {
                failures.add(rq.describe() + "\n      → " + status + ": " + String.join("\n        ", problems));
            }
        }
    }

    long requests() {
        return requests.sum();
    }

    long failures() {
        return failed.sum();
    }

    /** Operations that never got a 2xx, and those that never got a 4xx. */
    List<String> untouched() {
        List<String> out = new ArrayList<>();
        perOperation.forEach((op, byStatus) -> {
            if (byStatus.keySet().stream().noneMatch(s -> s / 100 == 2)) {
                out.add(op + " (no 2xx)");
            }
            if (byStatus.keySet().stream().noneMatch(s -> s / 100 == 4)) {
                out.add(op + " (no 4xx)");
            }
        });
        return out;
    }

    String summary(String title, long seed, double seconds) {
        StringBuilder b = new StringBuilder();
        b.append("%s: %,d requests in %.1f s (%.0f/s), %,d failures; seed %d (repeat with -Dleadline.seed=%d; one request: -Dleadline.fuzz.only=<#>)%n"
                .formatted(title, requests(), seconds, requests() / seconds, failures(), seed, seed));
        b.append("  statuses: ").append(counts(statuses)).append('\n');
        b.append("  per operation:\n");
        new TreeMap<>(perOperation).forEach((op, byStatus) -> b.append("    %-20s %,7d %s%n"
                .formatted(op, byStatus.values().stream().mapToLong(LongAdder::sum).sum(), counts(byStatus))));
        b.append("  mutations: ").append(counts(mutations)).append('\n');
        if (!notes.isEmpty()) {
            b.append("  counted apart: ").append(counts(notes)).append('\n');
        }
        if (failures() > 0) {
            b.append("  failures by kind: ").append(counts(failureKinds)).append('\n');
            failures.forEach(f -> b.append("    ").append(f).append('\n'));
        }
        return b.toString();
    }

    private static <K extends Comparable<K>> String counts(Map<K, LongAdder> m) {
        Map<K, Long> sorted = new TreeMap<>();
        m.forEach((k, v) -> sorted.put(k, v.sum()));
        return sorted.toString();
    }
}
