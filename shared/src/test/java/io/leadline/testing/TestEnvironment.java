package io.leadline.testing;

import io.leadline.config.LeadlineConfig;
import io.leadline.di.Platform;
import io.leadline.storage.TableProvisioner;
import io.leadline.storage.TableSpecs;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh set of tables on DynamoDB Local, a local key file and a clock, for one test class.
 * KMS is not reachable here: the local keyring is the one under test unless a test swaps in moto.
 */
public final class TestEnvironment {

    public final LeadlineConfig config;
    public final MutableClock clock;
    public final Platform platform;
    public final DynamoDbClient dynamo;

    private TestEnvironment(LeadlineConfig config, MutableClock clock, DynamoDbClient dynamo) {
        this.config = config;
        this.clock = clock;
        this.dynamo = dynamo;
        this.platform = new Platform(dynamo, () -> {
            throw new IllegalStateException("no KMS in this test");
        }, clock);
    }

    public static TestEnvironment create(Path keyDirectory) {
        return create(keyDirectory, Map.of());
    }

    public static TestEnvironment create(Path keyDirectory, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("LEADLINE_TABLE_PREFIX", "t" + UUID.randomUUID().toString().substring(0, 8) + "-");
        env.put("LEADLINE_KEYRING", "local");
        env.put("LEADLINE_LOCAL_KEY_FILE", keyDirectory.resolve("local-root.key").toString());
        env.putAll(overrides);
        LeadlineConfig config = LeadlineConfig.from(env);
        DynamoDbClient dynamo = LocalDynamo.client();
        new TableProvisioner(dynamo).ensure(TableSpecs.all(config.tables()));
        return new TestEnvironment(config, MutableClock.startingNow(), dynamo);
    }

    /** Every raw item of a table, as DynamoDB holds it (expired ones included). */
    public List<Map<String, AttributeValue>> rawItems(String table) {
        return dynamo.scanPaginator(b -> b.tableName(table)).items().stream().toList();
    }

    public List<String> allTables() {
        return config.tables().all();
    }
}
