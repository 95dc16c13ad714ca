package io.leadline.analytics;

import io.leadline.testing.SharedTestComponent;
import io.leadline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Daily funnel counters on DynamoDB Local: exactly once under redelivery, summed by scope and day. */
class FunnelCountersIntegrationTest {

    private static final Instant DAY_1 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant DAY_2 = Instant.parse("2026-11-02T10:00:00Z");

    @TempDir
    Path dir;

    private TestEnvironment env;
    private FunnelEvents events;
    private FunnelCounters counters;
    private FunnelReport report;

    @BeforeEach
    void setUp() {
        env = TestEnvironment.create(dir);
        SharedTestComponent c = SharedTestComponent.of(env);
        events = c.funnelEvents();
        counters = c.funnelCounters();
        report = c.funnelReport();
    }

    @Test
    void aBatchDeliveredTwiceCountsOnce() {
        List<FunnelEvent> batch = visitor("v1", DAY_1, "google/cpc", true);
        assertEquals(batch.size(), counters.count(batch));
        Map<String, Long> once = all(DAY_1, DAY_1);

        assertEquals(0, counters.count(batch), "a redelivered batch counts nothing");
        assertEquals(once, all(DAY_1, DAY_1));
        assertEquals(1L, once.get("s_widget_opened"));
        assertEquals(1L, once.get("s_lead_captured"));
    }

    @Test
    void anOverlappingBatchCountsOnlyWhatIsNew() {
        List<FunnelEvent> first = new ArrayList<>(visitor("v1", DAY_1, null, true));
        first.addAll(visitor("v2", DAY_1, null, false));
        List<FunnelEvent> second = new ArrayList<>(first.subList(first.size() - 3, first.size()));
        List<FunnelEvent> third = visitor("v3", DAY_1, null, true);
        second.addAll(third);

        assertEquals(first.size(), counters.count(first));
        assertEquals(third.size(), counters.count(second));

        Map<String, Long> totals = all(DAY_1, DAY_1);
        assertEquals(3L, totals.get("s_widget_opened"));
        assertEquals(2L, totals.get("s_consent_granted"));
        assertEquals(1L, totals.get("s_consent_declined"));
        assertEquals(2L, totals.get("s_lead_captured"));
    }

    @Test
    void batchesBeyondOneTransactionAreSplitAndStillCountOnce() {
        List<FunnelEvent> batch = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // Many days and sources: far more counter items than one transaction can hold.
            batch.addAll(visitor("v" + i, DAY_1.plusSeconds(86_400L * (i % 20)), "src-" + (i % 7), i % 3 != 0));
        }
        assertEquals(batch.size(), counters.count(batch));
        assertEquals(0, counters.count(batch));

        Map<String, Long> totals = all(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-20"));
        assertEquals(60L, totals.get("s_widget_opened"));
        assertEquals(40L, totals.get("s_lead_captured"));
        assertEquals(20L, totals.get("s_consent_declined"));
        assertEquals(7, report.sources(Optional.empty()).size());
    }

    @Test
    void concurrentDeliveriesOfTheSameEventsCountOnce() throws Exception {
        List<FunnelEvent> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.addAll(visitor("v" + i, DAY_1, "ads", true));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit(() -> counters.count(batch)));
            }
            int counted = 0;
            for (Future<Integer> f : runs) {
                counted += f.get();
            }
            assertEquals(batch.size(), counted, "each event counted by exactly one delivery");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(10L, all(DAY_1, DAY_1).get("s_widget_opened"));
    }

    @Test
    void scopesSplitByFlowSourceAndDay() {
        counters.count(visitor("a", DAY_1, "ads", true));
        counters.count(visitor("b", DAY_1, null, false));
        counters.count(visitor("c", DAY_2, "ads", true));
        List<FunnelEvent> other = List.of(events.event("d:0:0", FunnelEventType.WIDGET_OPENED, DAY_1, "support", "vi", "ads"));
        counters.count(other);

        LocalDate d1 = LocalDate.parse("2026-11-01");
        LocalDate d2 = LocalDate.parse("2026-11-02");
        assertEquals(4L, all(d1, d2).get("s_widget_opened"));
        assertEquals(3L, all(d1, d1).get("s_widget_opened"));
        assertEquals(2L, report.totals(Optional.of("website-lead"), Optional.empty(), d1, d1).get("s_widget_opened"));
        assertEquals(1L, report.totals(Optional.of("website-lead"), Optional.of(FunnelCounters.NO_SOURCE), d1, d2).get("s_widget_opened"));
        assertEquals(3L, report.totals(Optional.empty(), Optional.of("ads"), d1, d2).get("s_widget_opened"));
        assertEquals(List.of("ads"), report.sources(Optional.of("support")));
        assertTrue(report.totals(Optional.of("website-lead"), Optional.empty(), d2.plusDays(1), d2.plusDays(5)).isEmpty());
    }

    @Test
    void nodesCountWhoReachedThemAndWhoStoppedThere() {
        counters.count(visitor("a", DAY_1, null, true));
        counters.count(visitor("b", DAY_1, null, false));
        counters.count(List.of(node("c", 0, "welcome", null)));

        Map<String, Long> flow = report.totals(Optional.of("website-lead"), Optional.empty(), LocalDate.parse("2026-11-01"),
                LocalDate.parse("2026-11-01"));
        List<FunnelFigures.Node> nodes = FunnelFigures.nodes(flow, List.of("welcome", "consent", "name", "thanks", "declined"),
                java.util.Set.of("thanks", "declined"));
        assertEquals(new FunnelFigures.Node("welcome", 3, 1, 0.3333, false), nodes.get(0));
        assertEquals(new FunnelFigures.Node("consent", 2, 0, 0.0, false), nodes.get(1));
        assertEquals(new FunnelFigures.Node("name", 1, 0, 0.0, false), nodes.get(2));
        assertEquals(new FunnelFigures.Node("thanks", 1, 1, null, true), nodes.get(3));
        assertEquals(new FunnelFigures.Node("declined", 1, 1, null, true), nodes.get(4));
        // Node counters stay in the flow's own scope: the all-flows item holds stages only.
        assertTrue(all(DAY_1, DAY_1).keySet().stream().noneMatch(k -> k.startsWith("r_") || k.startsWith("a_")));
    }

    @Test
    void countersHoldOnlyNamesOfStagesNodesAndBuckets() {
        counters.count(visitor("a", DAY_1, "ads", true));
        Pattern allowed = Pattern.compile("pk|sk|expiresAt|sources|s_[a-z_]+|r_[A-Za-z0-9_-]+|a_[A-Za-z0-9_-]+|t_[a-z0-9]+");
        for (var item : env.rawItems(env.config.tables().analytics())) {
            for (String name : item.keySet()) {
                assertTrue(allowed.matcher(name).matches(), "unexpected counter attribute " + name);
            }
            long expiry = Long.parseLong(item.get("expiresAt").n());
            assertTrue(expiry > env.clock.instant().getEpochSecond(), "every counter and marker expires, later");
        }
    }

    @Test
    void firstContactTimesGiveAMedianAndP90() {
        List<FunnelEvent> contacts = new ArrayList<>();
        long[] minutes = {3, 4, 12, 25, 50, 90, 100, 200, 300, 2000};
        for (int i = 0; i < minutes.length; i++) {
            contacts.add(events.event("L" + i + ":contacted", FunnelEventType.CONTACTED, DAY_1, "website-lead", "en", null)
                    .withMinutesToFirstContact(minutes[i]));
        }
        counters.count(contacts);
        FunnelFigures figures = FunnelFigures.of(all(DAY_1, DAY_1));
        assertEquals(10, figures.firstContact().contacted());
        assertEquals(60, figures.firstContact().medianMinutes().orElseThrow(), "the 5th of 10 took 50 min: at most an hour");
        assertEquals(480, figures.firstContact().p90Minutes().orElseThrow(), "the 9th took 300 min: at most 8 hours");
    }

    /** A visitor of the website-lead flow: opens, chats, consents or declines, and (if consenting) leaves a lead. */
    private List<FunnelEvent> visitor(String id, Instant at, String source, boolean consents) {
        List<FunnelEvent> out = new ArrayList<>();
        out.add(events.event(id + ":0:0", FunnelEventType.WIDGET_OPENED, at, "website-lead", "en", source));
        out.add(events.event(id + ":0:1", FunnelEventType.NODE_REACHED, at, "website-lead", "en", source).withNode("welcome", null));
        out.add(events.event(id + ":1:0", FunnelEventType.CHAT_STARTED, at, "website-lead", "en", source));
        out.add(events.event(id + ":1:1", FunnelEventType.NODE_REACHED, at, "website-lead", "en", source).withNode("consent", "welcome"));
        if (consents) {
            out.add(events.event(id + ":2:0", FunnelEventType.CONSENT_GRANTED, at, "website-lead", "en", source));
            out.add(events.event(id + ":2:1", FunnelEventType.NODE_REACHED, at, "website-lead", "en", source).withNode("name", "consent"));
            out.add(events.event(id + ":3:0", FunnelEventType.NODE_REACHED, at, "website-lead", "en", source).withNode("thanks", "name"));
            out.add(events.event(id + ":3:1", FunnelEventType.LEAD_CAPTURED, at, "website-lead", "en", source));
        } else {
            out.add(events.event(id + ":2:0", FunnelEventType.CONSENT_DECLINED, at, "website-lead", "en", source));
            out.add(events.event(id + ":2:1", FunnelEventType.NODE_REACHED, at, "website-lead", "en", source).withNode("declined", "consent"));
        }
        return out;
    }

    private FunnelEvent node(String id, int seq, String reached, String left) {
        return events.event(id + ":" + seq + ":9", FunnelEventType.NODE_REACHED, DAY_1, "website-lead", "en", null).withNode(reached, left);
    }

    private Map<String, Long> all(Instant from, Instant to) {
        return all(from.atZone(ZoneOffset.UTC).toLocalDate(), to.atZone(ZoneOffset.UTC).toLocalDate());
    }

    private Map<String, Long> all(LocalDate from, LocalDate to) {
        return report.totals(Optional.empty(), Optional.empty(), from, to);
    }
}
