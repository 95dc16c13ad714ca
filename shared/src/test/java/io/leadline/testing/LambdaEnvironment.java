package io.leadline.testing;

import io.leadline.config.LeadlineConfig;
import io.leadline.storage.TableProvisioner;
import io.leadline.storage.TableSpecs;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A function's Lambda environment for entry tests in this JVM: DynamoDB Local on loopback with the
 * tables under a fresh prefix, the local keyring, region and credentials, and Spring Cloud Function's
 * settings for one initializer, all as system properties (the functions and Spring read them as they
 * read Lambda's environment). Closing it clears them and stops DynamoDB Local.
 */
public final class LambdaEnvironment implements AutoCloseable {

    private final LoopbackDynamoDb dynamoDb;
    private final Map<String, String> settings = new HashMap<>();
    private final LeadlineConfig config;

    private LambdaEnvironment(String prefix, Path keyDirectory, Class<?> initializer, String functionName,
                              Map<String, String> extra) {
        dynamoDb = LoopbackDynamoDb.start();
        settings.put("LEADLINE_TABLE_PREFIX", prefix + UUID.randomUUID().toString().substring(0, 6) + "-");
        settings.put("LEADLINE_KEYRING", "local");
        settings.put("LEADLINE_LOCAL_KEY_FILE", keyDirectory.resolve("root.key").toString());
        settings.put("LEADLINE_DYNAMODB_ENDPOINT", dynamoDb.endpoint().toString());
        settings.put("AWS_REGION", "ap-southeast-1");
        settings.put("MAIN_CLASS", initializer.getName());
        settings.put("spring.cloud.function.definition", functionName);
        settings.put("aws.accessKeyId", "local");
        settings.put("aws.secretAccessKey", "local");
        settings.putAll(extra);
        settings.forEach(System::setProperty);
        config = LeadlineConfig.fromEnvironment();
        new TableProvisioner(dynamoDb.client()).ensure(TableSpecs.all(config.tables()));
    }

    /**
     * Starts one: table names under {@code prefix} plus a random part, the local root key in
     * {@code keyDirectory}, Spring's MAIN_CLASS and function definition, and any further settings.
     */
    public static LambdaEnvironment start(String prefix, Path keyDirectory, Class<?> initializer, String functionName,
                                          Map<String, String> extra) {
        return new LambdaEnvironment(prefix, keyDirectory, initializer, functionName, extra);
    }

    public LoopbackDynamoDb dynamoDb() {
        return dynamoDb;
    }

    public LeadlineConfig config() {
        return config;
    }

    @Override
    public void close() {
        settings.keySet().forEach(System::clearProperty);
        dynamoDb.close();
    }
}
