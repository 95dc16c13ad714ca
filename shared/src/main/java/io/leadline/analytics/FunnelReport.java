package io.leadline.analytics;

import io.leadline.storage.Storage;
import io.leadline.storage.TableNames;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the daily counters: a scope (flow or all, source or all) over a range of days, summed. One
 * query per scope reading one item per day: the cost grows with days, not with visitors.
 */
@Singleton
public final class FunnelReport {

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public FunnelReport(Storage storage, TableNames tables) {
        this.dynamo = storage.client();
        this.table = tables.analytics();
    }

    /** Every counter of the scope, summed over the days from {@code from} to {@code to} inclusive. */
    public Map<String, Long> totals(Optional<String> flow, Optional<String> source, LocalDate from, LocalDate to) {
        FunnelCounters.Scope first = new FunnelCounters.Scope(flow.orElse(FunnelCounters.ALL), source.orElse(FunnelCounters.ALL), from);
        Map<String, Long> sums = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(first.partition()),
                            ":from", AttributeValue.fromS("day#" + from), ":to", AttributeValue.fromS("day#" + to)));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(q.build());
            for (Map<String, AttributeValue> item : page.items()) {
                item.forEach((name, value) -> {
                    if (value.n() != null && !name.equals("expiresAt")) {
                        sums.merge(name, Long.parseLong(value.n()), Long::sum);
                    }
                });
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return sums;
    }

    /** The campaign sources seen for a flow (or all flows), for a filter. */
    public List<String> sources(Optional<String> flow) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS(FunnelCounters.SOURCES_KEY),
                "sk", AttributeValue.fromS(flow.orElse(FunnelCounters.ALL))))).item();
        AttributeValue sources = item == null ? null : item.get("sources");
        return sources == null || !sources.hasSs() ? List.of() : List.copyOf(new TreeSet<>(sources.ss()));
    }
}
