package io.leadline.retention;

import io.leadline.audit.AuditLog;
import io.leadline.storage.Storage;
import io.leadline.storage.TableNames;
import io.leadline.storage.TableSpec;
import io.leadline.storage.TableSpecs;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes what has passed its expiry and DynamoDB's TTL has not removed yet (TTL deletes "typically
 * within two days"). Run on a schedule, it bounds deletion by the sweep interval. Each delete is
 * conditional on the item still being expired, so an item whose retention moved forward meanwhile
 * is kept. Keys go first (if a later delete fails, what is left is already unreadable). Audit entries
 * are removed only as the oldest part of the chain, and the sweep records where the chain now starts.
 * The sweep itself is audited, as counts.
 */
@Singleton
public final class RetentionSweeper {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

    /** Counts of items deleted per logical table. */
    public record Report(Instant at, Map<String, Integer> deleted) {
        public int total() {
            return deleted.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    public RetentionSweeper(Storage storage, TableNames tables, AuditLog audit, Clock clock) {
        this.dynamo = storage.client();
        this.tables = tables;
        this.audit = audit;
        this.clock = clock;
    }

    public Report sweep(String requestId) {
        Instant now = clock.instant();
        Map<String, Integer> deleted = new LinkedHashMap<>();
        Map<String, String> logical = logicalNames();
        List<TableSpec> specs = new ArrayList<>(TableSpecs.all(tables));
        specs.sort(Comparator.comparing((TableSpec s) -> !s.name().equals(tables.keys()))); // keys first
        String chainStart = null;
        for (TableSpec spec : specs) {
            if (spec.name().equals(tables.audit())) {
                chainStart = sweepAudit(spec, now, deleted);
            } else {
                deleted.put(logical.get(spec.name()), sweepTable(spec, now));
            }
        }
        Map<String, String> details = new HashMap<>();
        deleted.forEach((table, n) -> details.put(table, Integer.toString(n)));
        if (chainStart != null) {
            details.put(AuditLog.CHAIN_STARTS_AT, chainStart);
        }
        audit.append(AuditLog.Actor.system("retention"), AuditLog.RETENTION_SWEEP, "tables", "*", requestId, details);
        Report report = new Report(now, deleted);
        if (report.total() > 0) {
            log.info("retention sweep deleted {} expired items: {}", report.total(), deleted);
        }
        return report;
    }

    private int sweepTable(TableSpec spec, Instant now) {
        int count = 0;
        for (Map<String, AttributeValue> key : expiredKeys(spec, now)) {
            if (deleteIfExpired(spec.name(), key, now)) {
                count++;
            }
        }
        return count;
    }

    /** Audit entries expire in sequence order; only an expired prefix of the chain is removed. */
    private String sweepAudit(TableSpec spec, Instant now, Map<String, Integer> deleted) {
        List<Map<String, AttributeValue>> expired = new ArrayList<>(expiredKeys(spec, now));
        expired.sort(Comparator.comparingLong(k -> Long.parseLong(k.get("seq").n())));
        long oldest = oldestAuditSeq().orElse(Long.MAX_VALUE);
        int count = 0;
        for (Map<String, AttributeValue> key : expired) {
            if (Long.parseLong(key.get("seq").n()) != oldest + count) {
                break; // not a prefix: leave it for a later sweep
            }
            if (!deleteIfExpired(spec.name(), key, now)) {
                break;
            }
            count++;
        }
        deleted.put("audit", count);
        if (count == 0) {
            return null;
        }
        QueryResponse first = dynamo.query(b -> b.tableName(spec.name()).keyConditionExpression("#c = :c")
                .expressionAttributeNames(Map.of("#c", "chain"))
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(AuditLog.CHAIN)))
                .limit(1).consistentRead(true));
        return first.items().isEmpty() ? null
                : first.items().get(0).get("seq").n() + ":" + first.items().get(0).get("prevHash").s();
    }

    private java.util.OptionalLong oldestAuditSeq() {
        QueryResponse first = dynamo.query(b -> b.tableName(tables.audit()).keyConditionExpression("#c = :c")
                .expressionAttributeNames(Map.of("#c", "chain"))
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(AuditLog.CHAIN)))
                .limit(1).consistentRead(true));
        return first.items().isEmpty() ? java.util.OptionalLong.empty()
                : java.util.OptionalLong.of(Long.parseLong(first.items().get(0).get("seq").n()));
    }

    private List<Map<String, AttributeValue>> expiredKeys(TableSpec spec, Instant now) {
        List<String> keyAttributes = new ArrayList<>(List.of(spec.partitionKey().attribute()));
        spec.sortKey().ifPresent(k -> keyAttributes.add(k.attribute()));
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < keyAttributes.size(); i++) {
            names.put("#k" + i, keyAttributes.get(i));
        }
        names.put("#e", TableSpec.EXPIRY_ATTRIBUTE);
        String projection = String.join(", ", names.keySet().stream().filter(n -> n.startsWith("#k")).sorted().toList());
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder scan = ScanRequest.builder()
                    .tableName(spec.name())
                    .filterExpression("#e <= :now")
                    .projectionExpression(projection)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))));
            if (start != null) {
                scan.exclusiveStartKey(start);
            }
            ScanResponse page = dynamo.scan(scan.build());
            keys.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return keys;
    }

    private boolean deleteIfExpired(String table, Map<String, AttributeValue> key, Instant now) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key)
                    .conditionExpression("#e <= :now")
                    .expressionAttributeNames(Map.of("#e", TableSpec.EXPIRY_ATTRIBUTE))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())))));
            return true;
        } catch (ConditionalCheckFailedException extendedMeanwhile) {
            return false;
        }
    }

    private Map<String, String> logicalNames() {
        Map<String, String> byTable = new HashMap<>();
        tables.byLogicalName().forEach((logical, table) -> byTable.put(table, logical));
        return byTable;
    }
}
