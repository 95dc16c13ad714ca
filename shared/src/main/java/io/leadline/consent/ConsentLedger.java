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

import java.time.Clock;
import java.util.List;

/** The append-only consent ledger: records are added, never changed. */
@Singleton
public final class ConsentLedger {

    private final DynamoDbTable<ConsentRecord> records;
    private final Clock clock;

    @Inject
    public ConsentLedger(Storage storage, TableNames tables, Clock clock) {
        this.records = storage.table(tables.consent(), ConsentRecord.SCHEMA);
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

    public List<ConsentRecord> forConversation(String conversationId) {
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(conversationId).build()))
                .filterExpression(Storage.liveFilter(clock.instant()))
                .consistentRead(true)
                .build();
        return records.query(query).items().stream().toList();
    }
}
