package io.leadline.leads;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.leadline.storage.Storage;
import io.leadline.storage.TableNames;
import io.leadline.storage.Transaction;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;

import java.time.Clock;
import java.util.Optional;

/** Leads, one partition per lead (the lead item now; its notes and history beside it later). */
@Singleton
public final class LeadRepository {

    private final Storage storage;
    private final String tableName;
    private final DynamoDbTable<Lead> leads;
    private final Clock clock;

    @Inject
    public LeadRepository(Storage storage, TableNames tables, Clock clock) {
        this.storage = storage;
        this.tableName = tables.leads();
        this.leads = storage.table(tableName, Lead.SCHEMA);
        this.clock = clock;
    }

    public Optional<Lead> find(String id) {
        Lead lead = leads.getItem(r -> r.key(key(id)).consistentRead(true));
        return lead != null && Storage.live(lead.expiresAt(), clock.instant()) ? Optional.of(lead) : Optional.empty();
    }

    public void stageCreate(Transaction tx, Lead lead) {
        tx.put("lead", leads, lead, Storage.notExists("id"));
    }

    public void stageSave(Transaction tx, Lead lead, long expectedVersion) {
        tx.put("lead", leads, lead, Storage.versionIs(expectedVersion));
    }

    /** Saves a change made outside a transaction; fails if someone saved another change first. */
    public void update(Lead lead, long expectedVersion) {
        try {
            leads.putItem(software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest.builder(Lead.class)
                    .item(lead).conditionExpression(Storage.versionIs(expectedVersion)).build());
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
            throw new io.leadline.storage.ConcurrentUpdateException(java.util.List.of("lead:ConditionalCheckFailed"));
        }
    }

    /** Erases the lead with everything stored beside it. */
    public int delete(String id) {
        return storage.deletePartition(tableName, "id", id, "sk");
    }

    private static Key key(String id) {
        return Key.builder().partitionValue(id).sortValue(Lead.SORT_KEY).build();
    }
}
