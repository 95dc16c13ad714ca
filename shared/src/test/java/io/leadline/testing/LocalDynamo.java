package io.leadline.testing;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local embedded in the test JVM, in memory, started once per JVM on first use. Tests
 * isolate themselves with their own table prefix rather than restarting it.
 */
public final class LocalDynamo {

    private static AmazonDynamoDBLocal instance;

    private LocalDynamo() {
    }

    public static synchronized DynamoDbClient client() {
        if (instance == null) {
            instance = DynamoDBEmbedded.create(true);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> instance.shutdown()));
        }
        return instance.dynamoDbClient();
    }
}
