package io.leadline.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Creates missing tables and indexes and enables TTL, for DynamoDB Local (runner, tests).
 * In AWS the template owns the tables; functions never create them.
 */
public final class TableProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TableProvisioner.class);

    private final DynamoDbClient dynamo;

    public TableProvisioner(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    public void ensure(List<TableSpec> specs) {
        for (TableSpec spec : specs) {
            ensure(spec);
        }
    }

    public void ensure(TableSpec spec) {
        TableDescription existing = describe(spec.name());
        if (existing == null) {
            create(spec);
        } else {
            addMissingIndexes(spec, existing);
            boolean streaming = existing.streamSpecification() != null && Boolean.TRUE.equals(existing.streamSpecification().streamEnabled());
            if (spec.stream() && !streaming) {
                dynamo.updateTable(b -> b.tableName(spec.name())
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
            }
        }
        var ttl = dynamo.describeTimeToLive(b -> b.tableName(spec.name())).timeToLiveDescription();
        if (ttl == null || ttl.timeToLiveStatus() != TimeToLiveStatus.ENABLED) {
            dynamo.updateTimeToLive(b -> b.tableName(spec.name())
                    .timeToLiveSpecification(t -> t.attributeName(TableSpec.EXPIRY_ATTRIBUTE).enabled(true)));
        }
    }

    private TableDescription describe(String name) {
        try {
            return dynamo.describeTable(b -> b.tableName(name)).table();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    private void create(TableSpec spec) {
        List<GlobalSecondaryIndex> gsis = spec.indexes().stream().map(TableProvisioner::gsi).toList();
        dynamo.createTable(b -> {
            b.tableName(spec.name())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(keySchema(spec.partitionKey(), spec.sortKey().orElse(null)))
                    .attributeDefinitions(attributeDefinitions(spec, spec.indexes()));
            if (!gsis.isEmpty()) {
                b.globalSecondaryIndexes(gsis);
            }
            if (spec.stream()) {
                b.streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE));
            }
        });
        log.info("created table {}", spec.name());
    }

    private void addMissingIndexes(TableSpec spec, TableDescription existing) {
        Set<String> present = existing.hasGlobalSecondaryIndexes()
                ? existing.globalSecondaryIndexes().stream().map(GlobalSecondaryIndexDescription::indexName)
                        .collect(Collectors.toSet())
                : Set.of();
        for (TableSpec.Index index : spec.indexes()) {
            if (present.contains(index.name())) {
                continue;
            }
            dynamo.updateTable(b -> b.tableName(spec.name())
                    .attributeDefinitions(attributeDefinitions(spec, List.of(index)))
                    .globalSecondaryIndexUpdates(u -> u.create(CreateGlobalSecondaryIndexAction.builder()
                            .indexName(index.name())
                            .keySchema(keySchema(index.partitionKey(), index.sortKey().orElse(null)))
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                            .build())));
            log.info("added index {} to table {}", index.name(), spec.name());
        }
    }

    private static GlobalSecondaryIndex gsi(TableSpec.Index index) {
        return GlobalSecondaryIndex.builder()
                .indexName(index.name())
                .keySchema(keySchema(index.partitionKey(), index.sortKey().orElse(null)))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    private static List<KeySchemaElement> keySchema(TableSpec.Key hash, TableSpec.Key range) {
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(hash.attribute()).keyType(KeyType.HASH).build());
        if (range != null) {
            keys.add(KeySchemaElement.builder().attributeName(range.attribute()).keyType(KeyType.RANGE).build());
        }
        return keys;
    }

    private static List<AttributeDefinition> attributeDefinitions(TableSpec spec, List<TableSpec.Index> indexes) {
        Map<String, AttributeDefinition> defs = new LinkedHashMap<>();
        List<TableSpec.Key> keys = new ArrayList<>();
        keys.add(spec.partitionKey());
        spec.sortKey().ifPresent(keys::add);
        for (TableSpec.Index index : indexes) {
            keys.add(index.partitionKey());
            index.sortKey().ifPresent(keys::add);
        }
        for (TableSpec.Key key : keys) {
            defs.putIfAbsent(key.attribute(), AttributeDefinition.builder()
                    .attributeName(key.attribute()).attributeType(key.type()).build());
        }
        return List.copyOf(defs.values());
    }
}
