package io.leadline.storage;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Tables and transactions on one Enhanced Client, plus the raw client for whole-partition deletes. */
public final class Storage {

    private static final int BATCH_WRITE_LIMIT = 25;

    private final DynamoDbEnhancedClient client;
    private final DynamoDbClient dynamo;

    public Storage(DynamoDbEnhancedClient client, DynamoDbClient dynamo) {
        this.client = client;
        this.dynamo = dynamo;
    }

    /**
     * Deletes every item of one partition, expired or not (erasure must not leave what TTL has yet to
     * remove). Returns how many items were deleted.
     */
    public int deletePartition(String table, String partitionAttribute, String partitionValue, String sortAttribute) {
        int deleted = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(sortAttribute == null
                            ? Map.of("#pk", partitionAttribute)
                            : Map.of("#pk", partitionAttribute, "#sk", sortAttribute))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partitionValue)))
                    .projectionExpression(sortAttribute == null ? "#pk" : "#pk, #sk")
                    .consistentRead(true);
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(query.build());
            List<WriteRequest> deletes = new ArrayList<>();
            for (Map<String, AttributeValue> key : page.items()) {
                deletes.add(WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
            }
            for (int i = 0; i < deletes.size(); i += BATCH_WRITE_LIMIT) {
                writeAll(table, deletes.subList(i, Math.min(deletes.size(), i + BATCH_WRITE_LIMIT)));
            }
            deleted += deletes.size();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return deleted;
    }

    private void writeAll(String table, List<WriteRequest> requests) {
        List<WriteRequest> pending = requests;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 8) {
                throw new IllegalStateException("DynamoDB kept returning unprocessed deletes");
            }
            List<WriteRequest> batch = pending;
            var response = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
            if (!pending.isEmpty()) {
                sleep(20L << Math.min(attempt, 5));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting", e);
        }
    }

    public <T> DynamoDbTable<T> table(String name, TableSchema<T> schema) {
        return client.table(name, schema);
    }

    /** The low-level client, for the few writes the Enhanced Client cannot express (expiry-only updates). */
    public DynamoDbClient client() {
        return dynamo;
    }

    public Transaction begin() {
        return new Transaction(client);
    }

    /** True while an item is within its retention; DynamoDB's TTL deletes lazily, so reads must check. */
    public static boolean live(long expiresAt, Instant now) {
        return expiresAt > now.getEpochSecond();
    }

    /** Filter for queries and scans: only items whose expiry is still ahead. */
    public static Expression liveFilter(Instant now) {
        return Expression.builder()
                .expression("#expiresAt > :now")
                .expressionNames(Map.of("#expiresAt", TableSpec.EXPIRY_ATTRIBUTE))
                .expressionValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))
                .build();
    }

    public static Expression notExists(String attribute) {
        return Expression.builder()
                .expression("attribute_not_exists(#a)")
                .expressionNames(Map.of("#a", attribute))
                .build();
    }

    /** Optimistic concurrency: the stored version must still be the one we read. */
    public static Expression versionIs(long version) {
        return Expression.builder()
                .expression("#version = :version")
                .expressionNames(Map.of("#version", "version"))
                .expressionValues(Map.of(":version", AttributeValue.fromN(Long.toString(version))))
                .build();
    }
}
