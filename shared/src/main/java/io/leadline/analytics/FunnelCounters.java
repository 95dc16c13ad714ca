package io.leadline.analytics;

import io.leadline.config.LeadlineConfig;
import io.leadline.storage.Storage;
import io.leadline.storage.TableNames;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns funnel events into daily counters: one item per day × flow × source (plus "all flows" and
 * "all sources" roll-ups), holding a counter per stage, per flow node (reached, and stopped there) and
 * per first-contact time bucket. A funnel over N days then reads N items, however many events there were.
 *
 * <p>Counted exactly once under redelivery: each event's id goes into a marker item written with a
 * not-exists condition in the same transaction as the counter updates; when a batch comes again, the
 * transaction is refused for the events already counted, which are dropped, and the rest go through.
 */
@Singleton
public final class FunnelCounters {

    public static final String ALL = "*";
    /** The source scope of visitors who came without a campaign source. */
    public static final String NO_SOURCE = "(none)";
    static final String STAGE = "s_";
    static final String REACHED = "r_";
    static final String STOPPED = "a_";
    static final String SOURCES_KEY = "funnel-sources";
    /** DynamoDB's limit on actions per transaction. */
    static final int MAX_ACTIONS = 100;
    private static final int ATTEMPTS = 6;

    private final DynamoDbClient dynamo;
    private final String table;
    private final LeadlineConfig.AnalyticsSettings settings;
    private final Clock clock;

    @Inject
    public FunnelCounters(Storage storage, TableNames tables, LeadlineConfig.AnalyticsSettings settings, Clock clock) {
        this.dynamo = storage.client();
        this.table = tables.analytics();
        this.settings = settings;
        this.clock = clock;
    }

    /** Counts the events not counted before; returns how many that was. */
    public int count(Collection<FunnelEvent> events) {
        Map<String, FunnelEvent> unique = new LinkedHashMap<>();
        events.forEach(e -> unique.putIfAbsent(e.id(), e));
        List<FunnelEvent> queue = new ArrayList<>(unique.values());
        List<FunnelEvent> counted = new ArrayList<>();
        int next = 0;
        while (next < queue.size()) {
            List<FunnelEvent> chunk = new ArrayList<>();
            Set<String> counters = new HashSet<>();
            while (next < queue.size()) {
                FunnelEvent e = queue.get(next);
                Set<String> with = new HashSet<>(counters);
                for (Scope s : scopes(e)) {
                    with.add(s.key());
                }
                if (!chunk.isEmpty() && chunk.size() + 1 + with.size() > MAX_ACTIONS) {
                    break;
                }
                chunk.add(e);
                counters = with;
                next++;
            }
            counted.addAll(commit(chunk));
        }
        registerSources(counted);
        return counted.size();
    }

    /** Commits one chunk; returns the events it counted (those not counted before). */
    private List<FunnelEvent> commit(List<FunnelEvent> chunk) {
        List<FunnelEvent> remaining = new ArrayList<>(chunk);
        for (int attempt = 1; ; attempt++) {
            if (remaining.isEmpty()) {
                return remaining;
            }
            try {
                dynamo.transactWriteItems(b -> b.transactItems(actions(remaining)));
                return remaining;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
                List<FunnelEvent> already = new ArrayList<>();
                for (int i = 0; i < remaining.size() && i < reasons.size(); i++) {
                    if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                        already.add(remaining.get(i));
                    }
                }
                if (!already.isEmpty()) {
                    remaining.removeAll(already);
                    attempt--;
                    continue;
                }
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    private List<TransactWriteItem> actions(List<FunnelEvent> events) {
        long markerExpiry = clock.instant().plus(settings.eventRetention()).getEpochSecond();
        List<TransactWriteItem> actions = new ArrayList<>();
        for (FunnelEvent e : events) {
            actions.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                    .item(Map.of("pk", AttributeValue.fromS("seen#" + e.id()), "sk", AttributeValue.fromS("seen"),
                            "expiresAt", AttributeValue.fromN(Long.toString(markerExpiry))))
                    .conditionExpression("attribute_not_exists(pk)")).build());
        }
        Map<Scope, Map<String, Long>> deltas = new LinkedHashMap<>();
        for (FunnelEvent e : events) {
            for (Scope scope : scopes(e)) {
                Map<String, Long> d = deltas.computeIfAbsent(scope, k -> new LinkedHashMap<>());
                increments(e, scope).forEach((attribute, n) -> d.merge(attribute, n, Long::sum));
            }
        }
        deltas.forEach((scope, d) -> actions.add(update(scope, d)));
        return actions;
    }

    private TransactWriteItem update(Scope scope, Map<String, Long> deltas) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        int i = 0;
        for (var d : deltas.entrySet()) {
            if (d.getValue() == 0) {
                continue;
            }
            names.put("#c" + i, d.getKey());
            values.put(":c" + i, AttributeValue.fromN(Long.toString(d.getValue())));
            adds.add("#c" + i + " :c" + i);
            i++;
        }
        long expiresAt = scope.day().plusDays(1).atStartOfDay(settings.zone()).plus(settings.counterRetention()).toEpochSecond();
        values.put(":e", AttributeValue.fromN(Long.toString(expiresAt)));
        names.put("#e", "expiresAt");
        String expression = "SET #e = :e" + (adds.isEmpty() ? "" : " ADD " + String.join(", ", adds));
        return TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(scope.partition()), "sk", AttributeValue.fromS(scope.sort())))
                .updateExpression(expression)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)).build();
    }

    /** Where an event counts: its flow and source, and the roll-ups (node counters stay per flow). */
    static List<Scope> scopes(FunnelEvent e) {
        String source = e.source() == null ? NO_SOURCE : e.source();
        List<Scope> out = new ArrayList<>(List.of(new Scope(e.flowId(), source, e.cohortDay()), new Scope(e.flowId(), ALL, e.cohortDay())));
        if (e.type() != FunnelEventType.NODE_REACHED) {
            out.add(new Scope(ALL, source, e.cohortDay()));
            out.add(new Scope(ALL, ALL, e.cohortDay()));
        }
        return out;
    }

    private static Map<String, Long> increments(FunnelEvent e, Scope scope) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (e.type() == FunnelEventType.NODE_REACHED) {
            out.put(REACHED + e.node(), 1L);
            out.merge(STOPPED + e.node(), 1L, Long::sum);
            if (e.previousNode() != null) {
                out.merge(STOPPED + e.previousNode(), -1L, Long::sum);
            }
            return out;
        }
        out.put(STAGE + e.type().wire(), 1L);
        if (e.type() == FunnelEventType.CONTACTED) {
            out.put(ContactTimes.bucket(e.minutesToFirstContact()), 1L);
        }
        return out;
    }

    /** The campaign sources seen per flow, for the console's filter (a set: adding one twice is harmless). */
    private void registerSources(List<FunnelEvent> counted) {
        Map<String, Set<String>> byFlow = new LinkedHashMap<>();
        for (FunnelEvent e : counted) {
            if (e.source() != null) {
                byFlow.computeIfAbsent(e.flowId(), k -> new HashSet<>()).add(e.source());
                byFlow.computeIfAbsent(ALL, k -> new HashSet<>()).add(e.source());
            }
        }
        // The list lives as long as the counters that could name a source in it.
        String expiresAt = Long.toString(clock.instant().plus(settings.counterRetention()).getEpochSecond());
        byFlow.forEach((flow, sources) -> dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(SOURCES_KEY), "sk", AttributeValue.fromS(flow)))
                .updateExpression("SET #e = :e ADD #s :s")
                .expressionAttributeNames(Map.of("#s", "sources", "#e", "expiresAt"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromSs(List.copyOf(sources)),
                        ":e", AttributeValue.fromN(expiresAt)))));
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(1_000, 25L << attempt) + (long) (Math.random() * 25));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting", e);
        }
    }

    /** One counter item: a flow (or all), a source (or all), a day. */
    record Scope(String flow, String source, LocalDate day) {
        String partition() {
            return "funnel#" + flow + "#" + source;
        }

        String sort() {
            return "day#" + day;
        }

        String key() {
            return partition() + "|" + sort();
        }
    }
}
