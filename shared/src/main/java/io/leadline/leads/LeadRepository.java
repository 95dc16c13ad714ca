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

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** A page of leads and where the next page starts. */
    public record Page(List<Lead> leads, Optional<Map<String, AttributeValue>> next) {
    }

    /**
     * Lists leads newest first through the by-owner index (one owner) or the by-creation index
     * (everyone, or a rep's own and unassigned), filtering expired ones out. DynamoDB applies its
     * limit before filters, so it reads on until the page is full or the index ends.
     */
    public Page query(LeadQuery q) {
        Instant now = clock.instant();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String index;
        if (q.owner() instanceof LeadQuery.Owner.Exactly exactly) {
            index = "byOwner";
            names.put("#pk", "ownerKey");
            values.put(":pk", AttributeValue.fromS(exactly.ownerKey()));
        } else {
            index = "byCreated";
            names.put("#pk", "kind");
            values.put(":pk", AttributeValue.fromS(Lead.KIND));
        }
        String keyCondition = "#pk = :pk AND #created BETWEEN :from AND :to";
        names.put("#created", "createdAt");
        values.put(":from", AttributeValue.fromS(q.createdFrom().orElse(Instant.EPOCH).toString()));
        values.put(":to", AttributeValue.fromS(q.createdTo().orElse(Instant.parse("9999-12-31T23:59:59Z")).toString()));
        List<String> filters = new ArrayList<>();
        filters.add("#expiresAt > :now");
        names.put("#expiresAt", "expiresAt");
        values.put(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())));
        q.status().ifPresent(st -> {
            filters.add("#status = :status");
            names.put("#status", "status");
            values.put(":status", AttributeValue.fromS(st.name()));
        });
        q.flowId().ifPresent(f -> {
            filters.add("#flow = :flow");
            names.put("#flow", "flowId");
            values.put(":flow", AttributeValue.fromS(f));
        });
        if (q.owner() instanceof LeadQuery.Owner.MineOrUnassigned mine) {
            filters.add("#owner IN (:me, :unassigned)");
            names.put("#owner", "ownerKey");
            values.put(":me", AttributeValue.fromS(mine.userId()));
            values.put(":unassigned", AttributeValue.fromS(Lead.UNASSIGNED));
        }
        String filter = String.join(" AND ", filters);
        List<Lead> out = new ArrayList<>();
        Map<String, AttributeValue> start = q.after().orElse(null);
        for (int round = 0; round < 50; round++) {
            final Map<String, AttributeValue> from = start;
            QueryResponse page = storage.client().query(b -> {
                b.tableName(tableName).indexName(index).keyConditionExpression(keyCondition)
                        .filterExpression(filter).expressionAttributeNames(names).expressionAttributeValues(values)
                        .scanIndexForward(false).limit(Math.max(50, q.limit() * 2));
                if (from != null) {
                    b.exclusiveStartKey(from);
                }
            });
            List<Map<String, AttributeValue>> items = page.items();
            for (int i = 0; i < items.size(); i++) {
                out.add(Lead.SCHEMA.mapToItem(items.get(i)));
                if (out.size() == q.limit() && i < items.size() - 1) {
                    // Stopped inside this page: the next page resumes right after the last lead returned.
                    return new Page(out, Optional.of(keyOf(items.get(i), index)));
                }
            }
            boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
            if (!more) {
                return new Page(out, Optional.empty());
            }
            if (out.size() == q.limit()) {
                return new Page(out, Optional.of(page.lastEvaluatedKey()));
            }
            start = page.lastEvaluatedKey();
        }
        // Very sparse matches: hand back what there is and where to go on from.
        return new Page(out, Optional.ofNullable(start));
    }

    /** Every live lead an owner holds (handover, disabling a user). */
    public List<Lead> ownedBy(String ownerKey) {
        List<Lead> all = new ArrayList<>();
        Optional<Map<String, AttributeValue>> after = Optional.empty();
        do {
            Page page = query(new LeadQuery(Optional.empty(), LeadQuery.Owner.user(ownerKey), Optional.empty(),
                    Optional.empty(), Optional.empty(), 100, after));
            all.addAll(page.leads());
            after = page.next();
        } while (after.isPresent());
        return all;
    }

    /** The key DynamoDB resumes an index query from: the table's key and the index's key. */
    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item, String index) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put("id", item.get("id"));
        key.put("sk", item.get("sk"));
        key.put("createdAt", item.get("createdAt"));
        key.put(index.equals("byOwner") ? "ownerKey" : "kind", item.get(index.equals("byOwner") ? "ownerKey" : "kind"));
        return key;
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
