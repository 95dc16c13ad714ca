package io.leadline.bench;

import io.leadline.testing.Percentiles;
import dagger.BindsInstance;
import dagger.Component;
import io.leadline.analytics.FunnelCounters;
import io.leadline.analytics.FunnelEvent;
import io.leadline.analytics.FunnelEventType;
import io.leadline.analytics.FunnelFigures;
import io.leadline.analytics.FunnelReport;
import io.leadline.config.LeadlineConfig;
import io.leadline.di.Platform;
import io.leadline.di.SharedModule;
import io.leadline.storage.TableProvisioner;
import io.leadline.storage.TableSpecs;
import io.leadline.testing.LoopbackDynamoDb;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The funnel at scale, on DynamoDB Local over loopback HTTP (in this process, in memory): synthetic
 * visitors of three flows over 90 days make N funnel events (1,000,000 by default); they are stored in
 * the events table, then counted by the real counters in stream-sized batches of 100 (ingest, events/s);
 * then a 90-day funnel is read the way the API reads it (all flows, plus each flow's drop-off) many
 * times for p50/p99, beside a naive scan of the raw events computing the same stage counts, whose
 * answer must agree. Run: ./leadline bench funnel [events] [consumers] [naive scans]
 */
public final class FunnelBenchmark {

    static final int DAYS = 90;
    static final int BATCH = 100;
    static final LocalDate FIRST = LocalDate.parse("2026-08-01");
    static final List<String> FLOWS = List.of("website-lead", "support-triage", "pricing-chat");
    static final List<String> SOURCES = Arrays.asList("google/cpc", "facebook/ads", "newsletter", "partner-site", null);
    static final List<String> NODES = List.of("greeting", "interest", "consent", "ask_name", "ask_email", "ask_phone", "thanks");

    @Singleton
    @Component(modules = SharedModule.class)
    interface Graph {
        FunnelCounters counters();

        FunnelReport report();

        @Component.Factory
        interface Factory {
            Graph create(@BindsInstance LeadlineConfig config, @BindsInstance Platform platform);
        }
    }

    private FunnelBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int target = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int consumers = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        // A naive scan of a million events takes many minutes on DynamoDB Local: one by default.
        int scans = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path keys = Files.createTempDirectory("leadline-bench");
        try (LoopbackDynamoDb server = LoopbackDynamoDb.start()) {
            DynamoDbClient dynamo = server.client();
            LeadlineConfig config = LeadlineConfig.from(Map.of("LEADLINE_TABLE_PREFIX", "bench-", "LEADLINE_KEYRING", "local",
                    "LEADLINE_LOCAL_KEY_FILE", keys.resolve("k").toString(), "AWS_REGION", "ap-southeast-1"));
            new TableProvisioner(dynamo).ensure(TableSpecs.all(config.tables()));
            Graph graph = DaggerFunnelBenchmark_Graph.factory().create(config, new Platform(dynamo, () -> {
                throw new IllegalStateException("no KMS in this benchmark");
            }, Clock.systemUTC()));

            List<FunnelEvent> events = visitors(target, new Random(42));
            System.out.printf("%,d funnel events from synthetic visitors of %d flows over %d days (%s to %s)%n",
                    events.size(), FLOWS.size(), DAYS, FIRST, FIRST.plusDays(DAYS - 1));

            long t0 = System.nanoTime();
            store(dynamo, config.tables().events(), events);
            System.out.printf("stored the raw events: %.0f s (BatchWriteItem, 25 per call)%n", (System.nanoTime() - t0) / 1e9);

            long t1 = System.nanoTime();
            int counted = ingest(graph.counters(), events, consumers);
            double seconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf("ingest: %,d events counted in %.1f s with %d consumer(s): %,.0f events/s%n",
                    counted, seconds, consumers, counted / seconds);

            long t2 = System.nanoTime();
            int again = graph.counters().count(events.subList(0, Math.min(10_000, events.size())));
            System.out.printf("redelivery of 10,000 already counted events: %d counted, %.1f s%n", again, (System.nanoTime() - t2) / 1e9);

            LocalDate to = FIRST.plusDays(DAYS - 1);
            Map<String, Long> fromCounters = funnel(graph.report(), FIRST, to);
            long[] counterTimes = new long[220];
            for (int i = 0; i < counterTimes.length; i++) {
                long s = System.nanoTime();
                funnel(graph.report(), FIRST, to);
                counterTimes[i] = System.nanoTime() - s;
            }
            long[] measured = Arrays.copyOfRange(counterTimes, 20, counterTimes.length);
            System.out.printf("90-day funnel from counters (all flows + 3 flows' drop-off, %d queries): p50 %.1f ms, p99 %.1f ms (%d runs after 20 warm-up)%n",
                    1 + FLOWS.size(), ms(Percentiles.of(measured, 50)), ms(Percentiles.of(measured, 99)), measured.length);

            long[] scanTimes = new long[scans];
            Map<String, Long> fromScan = Map.of();
            for (int i = 0; i < scans; i++) {
                long s = System.nanoTime();
                fromScan = naiveScan(dynamo, config.tables().events(), FIRST, to);
                scanTimes[i] = System.nanoTime() - s;
                System.out.printf("  naive scan %d of %d: %.1f s%n", i + 1, scans, scanTimes[i] / 1e9);
            }
            System.out.printf("90-day funnel by scanning the raw events: p50 %.0f ms, p99 %.0f ms (%d run(s); p99 of few runs is their maximum)%n",
                    ms(Percentiles.of(scanTimes, 50)), ms(Percentiles.of(scanTimes, 99)), scans);

            for (FunnelEventType type : FunnelEventType.values()) {
                if (type == FunnelEventType.NODE_REACHED) {
                    continue;
                }
                String key = "s_" + type.wire();
                long a = fromCounters.getOrDefault(key, 0L);
                long b = fromScan.getOrDefault(key, 0L);
                if (a != b) {
                    throw new IllegalStateException(key + ": counters say " + a + ", the scan says " + b);
                }
            }
            System.out.println("stage counts from the counters and from the scan agree: " + FunnelFigures.of(fromCounters).stages().stream()
                    .map(s -> s.type().wire() + "=" + s.count()).toList());
        }
        // DynamoDB Local's SQLite worker is not a daemon thread.
        System.exit(0);
    }

    /** Synthetic visitors until there are {@code target} events: each one goes a realistic way down the funnel. */
    static List<FunnelEvent> visitors(int target, Random random) {
        List<FunnelEvent> out = new ArrayList<>(target + 20);
        int visitor = 0;
        Instant at = Instant.parse("2026-11-23T00:00:00Z");
        while (out.size() < target) {
            String id = "v" + (visitor++);
            String flow = FLOWS.get(random.nextInt(FLOWS.size()));
            String source = SOURCES.get(random.nextInt(SOURCES.size()));
            LocalDate day = FIRST.plusDays(random.nextInt(DAYS));
            Trail t = new Trail(out, id, flow, source, day, at);
            t.add(FunnelEventType.WIDGET_OPENED);
            t.node(0);
            if (random.nextDouble() < 0.3) {
                continue;
            }
            t.add(FunnelEventType.CHAT_STARTED);
            t.node(1);
            t.node(2);
            if (random.nextDouble() < 0.15) {
                continue;
            }
            if (random.nextDouble() < 0.25) {
                t.add(FunnelEventType.CONSENT_DECLINED);
                continue;
            }
            t.add(FunnelEventType.CONSENT_GRANTED);
            t.node(3);
            t.node(4);
            if (random.nextDouble() < 0.1) {
                continue;
            }
            t.node(5);
            t.node(6);
            t.add(FunnelEventType.LEAD_CAPTURED);
            if (random.nextDouble() < 0.2) {
                continue;
            }
            t.add(FunnelEventType.CONTACTED);
            if (random.nextDouble() < 0.5) {
                continue;
            }
            t.add(FunnelEventType.QUALIFIED);
            t.add(random.nextDouble() < 0.4 ? FunnelEventType.WON : FunnelEventType.LOST);
        }
        return out.subList(0, target);
    }

    /** One visitor's events, with ids as the product makes them (unique, derived from what happened). */
    private static final class Trail {
        private final List<FunnelEvent> out;
        private final String id;
        private final String flow;
        private final String source;
        private final LocalDate day;
        private final Instant at;
        private int seq;
        private String node;

        Trail(List<FunnelEvent> out, String id, String flow, String source, LocalDate day, Instant at) {
            this.out = out;
            this.id = id;
            this.flow = flow;
            this.source = source;
            this.day = day;
            this.at = at;
        }

        void add(FunnelEventType type) {
            long minutes = type == FunnelEventType.CONTACTED ? 5 + (seq * 37L) % 600 : 0;
            out.add(new FunnelEvent(id + ":" + (seq++), type, day, flow, "en", source, null, null, minutes, at,
                    at.plusSeconds(7 * 86_400).getEpochSecond()));
        }

        void node(int i) {
            add(FunnelEventType.NODE_REACHED);
            int last = out.size() - 1;
            out.set(last, out.get(last).withNode(NODES.get(i), node));
            node = NODES.get(i);
        }
    }

    private static void store(DynamoDbClient dynamo, String table, List<FunnelEvent> events) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            int slice = (events.size() + 3) / 4;
            for (int p = 0; p < 4; p++) {
                List<FunnelEvent> part = events.subList(Math.min(events.size(), p * slice), Math.min(events.size(), (p + 1) * slice));
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < part.size(); i += 25) {
                        List<WriteRequest> writes = part.subList(i, Math.min(part.size(), i + 25)).stream()
                                .map(e -> WriteRequest.builder().putRequest(r -> r.item(FunnelEvent.schema().itemToMap(e, true))).build())
                                .toList();
                        Map<String, List<WriteRequest>> pending = Map.of(table, writes);
                        while (!pending.isEmpty()) {
                            Map<String, List<WriteRequest>> request = pending;
                            pending = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                        }
                    }
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Stream-sized batches in stream order, as Lambda hands them over; {@code consumers} shards in parallel. */
    private static int ingest(FunnelCounters counters, List<FunnelEvent> events, int consumers) throws Exception {
        AtomicInteger counted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(consumers);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            int slice = (events.size() + consumers - 1) / consumers;
            for (int c = 0; c < consumers; c++) {
                List<FunnelEvent> part = events.subList(Math.min(events.size(), c * slice), Math.min(events.size(), (c + 1) * slice));
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < part.size(); i += BATCH) {
                        counted.addAndGet(counters.count(part.subList(i, Math.min(part.size(), i + BATCH))));
                    }
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return counted.get();
    }

    /** What GET /api/analytics/funnel reads for all flows: the all-flows scope and each flow's own (for drop-off). */
    private static Map<String, Long> funnel(FunnelReport report, LocalDate from, LocalDate to) {
        Map<String, Long> all = report.totals(Optional.empty(), Optional.empty(), from, to);
        FunnelFigures.of(all);
        for (String flow : FLOWS) {
            FunnelFigures.nodes(report.totals(Optional.of(flow), Optional.empty(), from, to), NODES, java.util.Set.of("thanks"));
        }
        report.sources(Optional.empty());
        return all;
    }

    /** The same stage counts without counters: read every raw event of the range and count. */
    private static Map<String, Long> naiveScan(DynamoDbClient dynamo, String table, LocalDate from, LocalDate to) {
        Map<String, Long> counts = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder scan = ScanRequest.builder().tableName(table)
                    .filterExpression("#d BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#d", "day"))
                    .expressionAttributeValues(Map.of(":from", AttributeValue.fromS(from.toString()), ":to", AttributeValue.fromS(to.toString())));
            if (start != null) {
                scan.exclusiveStartKey(start);
            }
            ScanResponse page = dynamo.scan(scan.build());
            for (Map<String, AttributeValue> item : page.items()) {
                String type = item.get("type").s();
                counts.merge(type.equals("node_reached") ? "r_" + item.get("node").s() : "s_" + type, 1L, Long::sum);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return counts;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
