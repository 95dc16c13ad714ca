package io.leadline.storage;

import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.List;
import java.util.Optional;

/**
 * The shape of one table: keys, global secondary indexes, the TTL attribute, and whether it has a
 * stream (new images, for a function that consumes it). The local runner
 * and the tests create tables from these; a template test checks that template.yaml agrees.
 */
public record TableSpec(String name, Key partitionKey, Optional<Key> sortKey, List<Index> indexes, boolean stream) {

    public TableSpec(String name, Key partitionKey, Optional<Key> sortKey, List<Index> indexes) {
        this(name, partitionKey, sortKey, indexes, false);
    }

    /** Every table expires its items through DynamoDB TTL on this attribute (epoch seconds). */
    public static final String EXPIRY_ATTRIBUTE = "expiresAt";

    public record Key(String attribute, ScalarAttributeType type) {
        public static Key string(String attribute) {
            return new Key(attribute, ScalarAttributeType.S);
        }

        public static Key number(String attribute) {
            return new Key(attribute, ScalarAttributeType.N);
        }
    }

    /** A global secondary index projecting all attributes. */
    public record Index(String name, Key partitionKey, Optional<Key> sortKey) {
    }
}
