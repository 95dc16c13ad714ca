package io.leadline.storage;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes that land together or not at all (one TransactWriteItems call). A chat turn writes the
 * conversation, its transcript entry, consent proof and a captured lead in one of these, so a
 * retried request either finds everything or nothing.
 */
public final class Transaction {

    /** DynamoDB's own limit on items per transaction. */
    public static final int MAX_ITEMS = 100;

    private final DynamoDbEnhancedClient client;
    private final TransactWriteItemsEnhancedRequest.Builder request = TransactWriteItemsEnhancedRequest.builder();
    private final List<String> labels = new ArrayList<>();

    Transaction(DynamoDbEnhancedClient client) {
        this.client = client;
    }

    /** Puts an item; {@code condition} may be null. {@code label} names the write in conflict reports. */
    public <T> Transaction put(String label, DynamoDbTable<T> table, T item, Expression condition) {
        checkRoom();
        TransactPutItemEnhancedRequest.Builder<T> put = TransactPutItemEnhancedRequest.builder(table.tableSchema().itemType().rawClass()).item(item);
        if (condition != null) {
            put.conditionExpression(condition);
        }
        request.addPutItem(table, put.build());
        labels.add(label);
        return this;
    }

    public <T> Transaction delete(String label, DynamoDbTable<T> table, Key key, Expression condition) {
        checkRoom();
        TransactDeleteItemEnhancedRequest.Builder delete = TransactDeleteItemEnhancedRequest.builder().key(key);
        if (condition != null) {
            delete.conditionExpression(condition);
        }
        request.addDeleteItem(table, delete.build());
        labels.add(label);
        return this;
    }

    public int size() {
        return labels.size();
    }

    public void commit() {
        if (labels.isEmpty()) {
            return;
        }
        try {
            client.transactWriteItems(request.build());
        } catch (TransactionCanceledException e) {
            throw conflict(e);
        }
    }

    private ConcurrentUpdateException conflict(TransactionCanceledException e) {
        List<String> failed = new ArrayList<>();
        if (e.hasCancellationReasons()) {
            List<CancellationReason> reasons = e.cancellationReasons();
            for (int i = 0; i < reasons.size() && i < labels.size(); i++) {
                String code = reasons.get(i).code();
                if (code != null && !"None".equals(code)) {
                    failed.add(labels.get(i) + ":" + code);
                }
            }
        }
        return new ConcurrentUpdateException(failed);
    }

    private void checkRoom() {
        if (labels.size() >= MAX_ITEMS) {
            throw new IllegalStateException("a transaction holds at most " + MAX_ITEMS + " writes");
        }
    }
}
