package io.leadline.storage;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds an Enhanced Client schema for an immutable record without reflection (bean introspection
 * costs cold-start time). Attributes are collected into {@link Values}, from which the record's
 * factory builds the item, so records need no hand-written builder.
 */
public final class ItemSchema<T> {

    private final StaticImmutableTableSchema.Builder<T, Values> builder;

    private ItemSchema(Class<T> type) {
        this.builder = StaticImmutableTableSchema.builder(type, Values.class);
    }

    public static <T> ItemSchema<T> of(Class<T> type) {
        return new ItemSchema<>(type);
    }

    public ItemSchema<T> partitionKey(String name, Function<T, String> getter) {
        return attribute(EnhancedType.of(String.class), name, getter, StaticAttributeTags.primaryPartitionKey());
    }

    public ItemSchema<T> sortKey(String name, Function<T, String> getter) {
        return attribute(EnhancedType.of(String.class), name, getter, StaticAttributeTags.primarySortKey());
    }

    public ItemSchema<T> numberSortKey(String name, Function<T, Long> getter) {
        return attribute(EnhancedType.of(Long.class), name, getter, StaticAttributeTags.primarySortKey());
    }

    /** A string attribute that is also the partition key of a secondary index. */
    public ItemSchema<T> indexKey(String index, String name, Function<T, String> getter) {
        return attribute(EnhancedType.of(String.class), name, getter, StaticAttributeTags.secondaryPartitionKey(index));
    }

    public ItemSchema<T> string(String name, Function<T, String> getter) {
        return attribute(EnhancedType.of(String.class), name, getter);
    }

    public ItemSchema<T> number(String name, Function<T, Long> getter) {
        return attribute(EnhancedType.of(Long.class), name, getter);
    }

    public ItemSchema<T> integer(String name, Function<T, Integer> getter) {
        return attribute(EnhancedType.of(Integer.class), name, getter);
    }

    public ItemSchema<T> bool(String name, Function<T, Boolean> getter) {
        return attribute(EnhancedType.of(Boolean.class), name, getter);
    }

    public ItemSchema<T> bytes(String name, Function<T, SdkBytes> getter) {
        return attribute(EnhancedType.of(SdkBytes.class), name, getter);
    }

    public ItemSchema<T> instant(String name, Function<T, Instant> getter) {
        return attribute(EnhancedType.of(Instant.class), name, getter);
    }

    public ItemSchema<T> stringMap(String name, Function<T, Map<String, String>> getter) {
        return attribute(EnhancedType.mapOf(String.class, String.class), name, getter);
    }

    public ItemSchema<T> numberMap(String name, Function<T, Map<String, Long>> getter) {
        return attribute(EnhancedType.mapOf(String.class, Long.class), name, getter);
    }

    public ItemSchema<T> bytesMap(String name, Function<T, Map<String, SdkBytes>> getter) {
        return attribute(EnhancedType.mapOf(String.class, SdkBytes.class), name, getter);
    }

    public ItemSchema<T> stringList(String name, Function<T, List<String>> getter) {
        return attribute(EnhancedType.listOf(String.class), name, getter);
    }

    /** Every item expires: the TTL attribute, epoch seconds. */
    public ItemSchema<T> expiry(Function<T, Long> getter) {
        return number(TableSpec.EXPIRY_ATTRIBUTE, getter);
    }

    public TableSchema<T> build(Function<Values, T> factory) {
        return builder.newItemBuilder(Values::new, factory).build();
    }

    private <R> ItemSchema<T> attribute(EnhancedType<R> type, String name, Function<T, R> getter,
                                        StaticAttributeTag... tags) {
        builder.addAttribute(type, a -> a.name(name).getter(getter).setter((values, v) -> values.put(name, v)).tags(tags));
        return this;
    }
}
