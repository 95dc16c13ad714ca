package io.leadline.consent;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.leadline.storage.Storage;
import io.leadline.storage.TableNames;
import io.leadline.storage.Transaction;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The append-only consent ledger: records are added, never changed. */
@Singleton
public final class ConsentLedger {

    private final DynamoDbTable<ConsentRecord> records;
    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Clock clock;

    @Inject
    public ConsentLedger(Storage storage, TableNames tables, Clock clock) {
        this.records = storage.table(tables.consent(), ConsentRecord.SCHEMA);
        this.dynamo = storage.client();
        this.tableName = tables.consent();
        this.clock = clock;
    }

    /** Appends within a transaction; an existing record with the same key fails it rather than being overwritten. */
    public void stageAppend(Transaction tx, ConsentRecord record) {
        tx.put("consent", records, record, Storage.notExists("sk"));
    }

    /** Appends on its own (withdrawals at erasure); never overwrites. */
    public void append(ConsentRecord record) {
        records.putItem(software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest.builder(ConsentRecord.class)
                .item(record).conditionExpression(Storage.notExists("sk")).build());
    }

    /**
     * Keeps a conversation's consent proof at least until {@code expiresAt} (proof outlives what it
     * covers). Only the expiry changes; what the record proves never does.
     */
    public int extend(String conversationId, long expiresAt) {
        int extended = 0;
        for (ConsentRecord r : forConversation(conversationId)) {
            if (r.expiresAt() >= expiresAt) {
                continue;
            }
            dynamo.updateItem(b -> b.tableName(tableName)
                    .key(Map.of("conversationId", AttributeValue.fromS(r.conversationId()), "sk", AttributeValue.fromS(r.sk())))
                    .conditionExpression("attribute_exists(sk)")
                    .updateExpression("SET #e = :e")
                    .expressionAttributeNames(Map.of("#e", "expiresAt"))
                    .expressionAttributeValues(Map.of(":e", AttributeValue.fromN(Long.toString(expiresAt)))));
            extended++;
        }
        return extended;
    }

    public List<ConsentRecord> forConversation(String conversationId) {
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(conversationId).build()))
                .filterExpression(Storage.liveFilter(clock.instant()))
                .consistentRead(true)
                .build();
        return records.query(query).items().stream().toList();
    }
}
