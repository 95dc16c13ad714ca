package io.leadline.bench.warm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadline.storage.TableSpec;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * DynamoDB answered from memory, as an {@link SdkHttpClient}: the SDK marshals, signs and sends each
 * request as it would to AWS, this "HTTP client" reads the JSON, runs it against in-memory tables and
 * answers in DynamoDB's JSON protocol, which the SDK unmarshals as usual. Only the network and the
 * storage engine are gone. Operations: GetItem, PutItem, UpdateItem, DeleteItem, Query (tables and
 * global secondary indexes, paging, filters, projections), Scan, BatchWriteItem, TransactWriteItems
 * (all-or-nothing, with cancellation reasons), with the expressions {@link Expressions} understands.
 * Conditions that fail answer as DynamoDB does (ConditionalCheckFailedException,
 * TransactionCanceledException), so the product's error paths see real SDK exceptions.
 * <p>Items are stored immutably (every write stores a new node), so {@link #snapshot()} and
 * {@link #restore} are cheap: a benchmark can replay the same request against the same state.
 */
public final class InMemoryDynamoDb implements SdkHttpClient {

    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final String ERROR_PREFIX = "com.amazonaws.dynamodb.v20120810#";

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Table> tables = new HashMap<>();
    private final Map<String, Integer> calls = new TreeMap<>();

    public InMemoryDynamoDb(List<TableSpec> specs) {
        for (TableSpec spec : specs) {
            tables.put(spec.name(), new Table(spec, new TreeMap<>(ITEM_KEYS)));
        }
    }

    /** Every table's items at this moment. */
    public synchronized Map<String, NavigableMap<ItemKey, ObjectNode>> snapshot() {
        Map<String, NavigableMap<ItemKey, ObjectNode>> copy = new HashMap<>();
        tables.forEach((name, t) -> copy.put(name, new TreeMap<>(t.items)));
        return copy;
    }

    /** Back to a {@link #snapshot()}: later writes are forgotten. */
    public synchronized void restore(Map<String, NavigableMap<ItemKey, ObjectNode>> snapshot) {
        snapshot.forEach((name, items) -> {
            Table t = tables.get(name);
            t.items.clear();
            t.items.putAll(items);
        });
    }

    public synchronized int size(String table) {
        return tables.get(table).items.size();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
                byte[] body;
                try (InputStream in = request.contentStreamProvider().orElseThrow().newStream()) {
                    body = in.readAllBytes();
                }
                int status = 200;
                JsonNode answer;
                try {
                    answer = handle(target.substring(TARGET_PREFIX.length()), json.readTree(body));
                } catch (DynamoError e) {
                    status = 400;
                    ObjectNode error = json.createObjectNode().put("__type", ERROR_PREFIX + e.type).put("message", e.getMessage());
                    if (e.reasons != null) {
                        error.set("CancellationReasons", e.reasons);
                    }
                    answer = error;
                }
                byte[] out = json.writeValueAsBytes(answer);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(status)
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("Content-Length", Integer.toString(out.length))
                                .putHeader("x-amzn-RequestId", "in-memory").build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(out)))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public String clientName() {
        return "InMemoryDynamoDb";
    }

    @Override
    public void close() {
    }

    /** DynamoDB calls answered since the last {@link #resetCalls()}, by operation. */
    public synchronized Map<String, Integer> calls() {
        return new TreeMap<>(calls);
    }

    public synchronized void resetCalls() {
        calls.clear();
    }

    private synchronized JsonNode handle(String operation, JsonNode r) {
        calls.merge(operation, 1, Integer::sum);
        return switch (operation) {
            case "GetItem" -> getItem(r);
            case "PutItem" -> returning(r, put(r, true));
            case "UpdateItem" -> returning(r, update(r, true));
            case "DeleteItem" -> returning(r, delete(r, true));
            case "Query" -> query(r, true);
            case "Scan" -> query(r, false);
            case "BatchWriteItem" -> batchWrite(r);
            case "TransactWriteItems" -> transactWrite(r);
            default -> throw new UnsupportedOperationException("the in-memory DynamoDB does not do " + operation);
        };
    }

    /** A write's old and new item and the attributes it touched, for ReturnValues. */
    private record Written(ObjectNode before, ObjectNode after, Set<String> touched) {
    }

    private JsonNode getItem(JsonNode r) {
        Table t = table(r);
        ObjectNode item = t.items.get(t.key(r.get("Key")));
        ObjectNode out = json.createObjectNode();
        if (item != null) {
            out.set("Item", project(r, item));
        }
        return out;
    }

    private Written put(JsonNode r, boolean commit) {
        Table t = table(r);
        ObjectNode item = (ObjectNode) r.get("Item");
        ItemKey key = t.key(item);
        ObjectNode before = t.items.get(key);
        check(r, before);
        if (commit) {
            t.items.put(key, item);
        }
        return new Written(before, item, Set.of());
    }

    private Written update(JsonNode r, boolean commit) {
        Table t = table(r);
        ItemKey key = t.key(r.get("Key"));
        ObjectNode before = t.items.get(key);
        check(r, before);
        ObjectNode after = before == null ? ((ObjectNode) r.get("Key")).deepCopy() : before.deepCopy();
        Set<String> touched = Set.of();
        if (r.hasNonNull("UpdateExpression")) {
            touched = Expressions.apply(Expressions.update(r.get("UpdateExpression").asText()), context(r), after);
        }
        if (commit) {
            t.items.put(key, after);
        }
        return new Written(before, after, touched);
    }

    private Written delete(JsonNode r, boolean commit) {
        Table t = table(r);
        ItemKey key = t.key(r.get("Key"));
        ObjectNode before = t.items.get(key);
        check(r, before);
        if (commit) {
            t.items.remove(key);
        }
        return new Written(before, null, Set.of());
    }

    private JsonNode returning(JsonNode r, Written w) {
        ObjectNode out = json.createObjectNode();
        String mode = r.path("ReturnValues").asText("NONE");
        ObjectNode attributes = switch (mode) {
            case "ALL_OLD" -> w.before();
            case "ALL_NEW" -> w.after();
            case "UPDATED_NEW" -> only(w.after(), w.touched());
            case "UPDATED_OLD" -> only(w.before(), w.touched());
            default -> null;
        };
        if (attributes != null) {
            out.set("Attributes", attributes);
        }
        return out;
    }

    private ObjectNode only(ObjectNode item, Set<String> names) {
        if (item == null) {
            return null;
        }
        ObjectNode out = json.createObjectNode();
        names.forEach(n -> {
            if (item.has(n)) {
                out.set(n, item.get(n));
            }
        });
        return out;
    }

    private void check(JsonNode r, ObjectNode current) {
        if (r.hasNonNull("ConditionExpression")
                && !Expressions.condition(r.get("ConditionExpression").asText()).test(context(r), current)) {
            throw new DynamoError("ConditionalCheckFailedException", "The conditional request failed", null);
        }
    }

    private JsonNode query(JsonNode r, boolean isQuery) {
        Table t = table(r);
        Expressions.Context c = context(r);
        Index index = r.hasNonNull("IndexName") ? t.index(r.get("IndexName").asText()) : t.base();
        List<ObjectNode> candidates;
        Expressions.Condition keyCondition = null;
        if (isQuery) {
            keyCondition = Expressions.condition(r.get("KeyConditionExpression").asText());
            JsonNode partition = partitionValue(keyCondition, c, index.partition);
            candidates = index.partition(t, partition);
        } else {
            candidates = new ArrayList<>(t.items.values());
        }
        if (!r.path("ScanIndexForward").asBoolean(true)) {
            candidates = candidates.reversed();
        }
        int from = 0;
        if (r.hasNonNull("ExclusiveStartKey")) {
            JsonNode start = r.get("ExclusiveStartKey");
            ItemKey startKey = t.key(start);
            while (from < candidates.size() && !t.key(candidates.get(from)).equals(startKey)) {
                from++;
            }
            from++;
        }
        int limit = r.path("Limit").asInt(Integer.MAX_VALUE);
        Expressions.Condition filter = r.hasNonNull("FilterExpression")
                ? Expressions.condition(r.get("FilterExpression").asText()) : null;
        ArrayNode items = json.createArrayNode();
        int scanned = 0;
        ObjectNode last = null;
        int i = from;
        for (; i < candidates.size() && scanned < limit; i++) {
            ObjectNode item = candidates.get(i);
            if (keyCondition != null && !keyCondition.test(c, item)) {
                continue;
            }
            scanned++;
            last = item;
            if (filter == null || filter.test(c, item)) {
                items.add(project(r, item));
            }
        }
        ObjectNode out = json.createObjectNode();
        out.set("Items", items);
        out.put("Count", items.size()).put("ScannedCount", scanned);
        boolean more = false;
        for (int j = i; j < candidates.size() && !more; j++) {
            more = keyCondition == null || keyCondition.test(c, candidates.get(j));
        }
        if (more && last != null) {
            ObjectNode key = json.createObjectNode();
            for (String a : index.keyAttributes(t)) {
                if (last.has(a)) {
                    key.set(a, last.get(a));
                }
            }
            out.set("LastEvaluatedKey", key);
        }
        return out;
    }

    /** The value the key condition sets the partition key equal to. */
    private static JsonNode partitionValue(Expressions.Condition condition, Expressions.Context c, String attribute) {
        if (condition instanceof Expressions.And and) {
            JsonNode left = partitionValue(and.left(), c, attribute);
            return left != null ? left : partitionValue(and.right(), c, attribute);
        }
        if (condition instanceof Expressions.Compare cmp && cmp.op().equals("=")
                && cmp.left() instanceof Expressions.Path p && c.name(p.token()).equals(attribute)) {
            return cmp.right().eval(c, null);
        }
        return null;
    }

    private JsonNode project(JsonNode r, ObjectNode item) {
        if (!r.hasNonNull("ProjectionExpression")) {
            return item;
        }
        Expressions.Context c = context(r);
        ObjectNode out = json.createObjectNode();
        for (Expressions.Path p : Expressions.projection(r.get("ProjectionExpression").asText())) {
            String name = c.name(p.token());
            if (item.has(name)) {
                out.set(name, item.get(name));
            }
        }
        return out;
    }

    private JsonNode batchWrite(JsonNode r) {
        r.get("RequestItems").fields().forEachRemaining(e -> {
            for (JsonNode w : e.getValue()) {
                ObjectNode op = json.createObjectNode().put("TableName", e.getKey());
                if (w.has("PutRequest")) {
                    op.set("Item", w.get("PutRequest").get("Item"));
                    put(op, true);
                } else {
                    op.set("Key", w.get("DeleteRequest").get("Key"));
                    delete(op, true);
                }
            }
        });
        return json.createObjectNode().set("UnprocessedItems", json.createObjectNode());
    }

    private JsonNode transactWrite(JsonNode r) {
        ArrayNode reasons = json.createArrayNode();
        boolean failed = false;
        for (JsonNode item : r.get("TransactItems")) {
            try {
                apply(item, false);
                reasons.add(json.createObjectNode().put("Code", "None"));
            } catch (DynamoError e) {
                failed = true;
                reasons.add(json.createObjectNode().put("Code", "ConditionalCheckFailed").put("Message", e.getMessage()));
            }
        }
        if (failed) {
            List<String> codes = new ArrayList<>();
            reasons.forEach(n -> codes.add(n.get("Code").asText()));
            throw new DynamoError("TransactionCanceledException",
                    "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes, reasons);
        }
        for (JsonNode item : r.get("TransactItems")) {
            apply(item, true);
        }
        return json.createObjectNode();
    }

    private void apply(JsonNode transactItem, boolean commit) {
        if (transactItem.has("Put")) {
            put(transactItem.get("Put"), commit);
        } else if (transactItem.has("Update")) {
            update(transactItem.get("Update"), commit);
        } else if (transactItem.has("Delete")) {
            delete(transactItem.get("Delete"), commit);
        } else if (transactItem.has("ConditionCheck")) {
            JsonNode check = transactItem.get("ConditionCheck");
            Table t = table(check);
            check(check, t.items.get(t.key(check.get("Key"))));
        } else {
            throw new UnsupportedOperationException("transaction item " + transactItem.fieldNames().next());
        }
    }

    private Table table(JsonNode r) {
        Table t = tables.get(r.get("TableName").asText());
        if (t == null) {
            throw new DynamoError("ResourceNotFoundException", "Requested resource not found: " + r.get("TableName"), null);
        }
        return t;
    }

    private static Expressions.Context context(JsonNode r) {
        return new Expressions.Context(r.get("ExpressionAttributeNames"), r.get("ExpressionAttributeValues"));
    }

    /** A table item's primary key: partition and (optional) sort value, ordered as DynamoDB orders them. */
    public record ItemKey(JsonNode partition, JsonNode sort) {
    }

    private static final Comparator<JsonNode> VALUES = (a, b) -> {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        Integer c = Expressions.compare(a, b);
        return c != null ? c : a.toString().compareTo(b.toString());
    };

    private static final Comparator<ItemKey> ITEM_KEYS =
            Comparator.comparing(ItemKey::partition, VALUES).thenComparing(ItemKey::sort, VALUES);

    private record Index(String partition, Optional<String> sort, boolean base) {
        List<ObjectNode> partition(Table t, JsonNode value) {
            if (value == null) {
                throw new IllegalArgumentException("a query needs the partition key " + partition);
            }
            if (base) {
                return new ArrayList<>(t.items.subMap(new ItemKey(value, null), true, new ItemKey(value, MAX), true).values());
            }
            List<ObjectNode> out = new ArrayList<>();
            for (ObjectNode item : t.items.values()) {
                if (Expressions.equal(item.get(partition), value) && (sort.isEmpty() || item.has(sort.get()))) {
                    out.add(item);
                }
            }
            if (sort.isPresent()) {
                String s = sort.get();
                out.sort(Comparator.comparing((ObjectNode i) -> i.get(s), VALUES)
                        .thenComparing(t::key, ITEM_KEYS));
            }
            return out;
        }

        List<String> keyAttributes(Table t) {
            List<String> names = new ArrayList<>();
            names.add(t.spec.partitionKey().attribute());
            t.spec.sortKey().ifPresent(k -> names.add(k.attribute()));
            if (!base) {
                names.add(partition);
                sort.ifPresent(names::add);
            }
            return names;
        }
    }

    /** Sorts after every real value in {@link #VALUES} (an object field no scalar has). */
    private static final JsonNode MAX = new ObjectMapper().createObjectNode().put("\uffff", "");

    private record Table(TableSpec spec, TreeMap<ItemKey, ObjectNode> items) {
        ItemKey key(JsonNode item) {
            JsonNode pk = item.get(spec.partitionKey().attribute());
            if (pk == null) {
                throw new DynamoError("ValidationException", "missing key " + spec.partitionKey().attribute(), null);
            }
            return new ItemKey(pk, spec.sortKey().map(k -> item.get(k.attribute())).orElse(null));
        }

        Index base() {
            return new Index(spec.partitionKey().attribute(), spec.sortKey().map(TableSpec.Key::attribute), true);
        }

        Index index(String name) {
            return spec.indexes().stream().filter(i -> i.name().equals(name)).findFirst()
                    .map(i -> new Index(i.partitionKey().attribute(), i.sortKey().map(TableSpec.Key::attribute), false))
                    .orElseThrow(() -> new DynamoError("ValidationException", "no index " + name, null));
        }
    }

    private static final class DynamoError extends RuntimeException {
        final String type;
        final ArrayNode reasons;

        DynamoError(String type, String message, ArrayNode reasons) {
            super(message, null, false, false);
            this.type = type;
            this.reasons = reasons;
        }
    }
}
