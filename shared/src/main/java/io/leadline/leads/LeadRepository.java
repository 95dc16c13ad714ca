package io.leadline.leads;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.leadline.storage.Storage;
import io.leadline.storage.TableNames;
import io.leadline.storage.Transaction;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import io.leadline.storage.ConcurrentUpdateException;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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

    /** Live leads whose e-mail blind index is this one, most recently active first. */
    public List<Lead> byEmailIndex(String emailIndex) {
        return byIndex("byEmailIndex", emailIndex);
    }

    public List<Lead> byPhoneIndex(String phoneIndex) {
        return byIndex("byPhoneIndex", phoneIndex);
    }

    private List<Lead> byIndex(String index, String value) {
        Instant now = clock.instant();
        return leads.index(index).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(value).build()))
                        .build())
                .stream()
                .flatMap(page -> page.items().stream())
                .filter(l -> Storage.live(l.expiresAt(), now))
                .sorted(Comparator.comparing(Lead::lastActivityAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
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
            leads.putItem(PutItemEnhancedRequest.builder(Lead.class)
                    .item(lead).conditionExpression(Storage.versionIs(expectedVersion)).build());
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException(List.of("lead:ConditionalCheckFailed"));
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
