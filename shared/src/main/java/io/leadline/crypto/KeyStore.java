package io.leadline.crypto;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.leadline.storage.ConcurrentUpdateException;
import io.leadline.storage.Storage;
import io.leadline.storage.TableNames;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The keys table. It is deliberately outside the data tables' point-in-time recovery: deleting a
 * subject's key here makes every copy of that subject's data, in backups and exports, unreadable.
 */
@Singleton
public final class KeyStore {

    private final DynamoDbTable<KeyItem> table;
    private final Clock clock;

    @Inject
    public KeyStore(Storage storage, TableNames tables, Clock clock) {
        this.table = storage.table(tables.keys(), KeyItem.SCHEMA);
        this.clock = clock;
    }

    public Optional<KeyItem> find(String id) {
        KeyItem item = table.getItem(r -> r.key(Key.builder().partitionValue(id).build()).consistentRead(true));
        if (item == null || !Storage.live(item.expiresAt(), clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(item);
    }

    /** Stores a new key; fails if one with this id exists (ids are random, so that means a bug or a race). */
    public void create(KeyItem item) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(KeyItem.class).item(item)
                    .conditionExpression(Storage.notExists("id")).build());
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException(List.of("key:" + e.getClass().getSimpleName()));
        }
    }

    public void replace(KeyItem item) {
        table.putItem(item);
    }

    public void delete(String id) {
        table.deleteItem(Key.builder().partitionValue(id).build());
    }
}
