package io.leadline.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadline.config.LeadlineConfig;
import io.leadline.testing.LambdaEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The retention function as Lambda runs it on its EventBridge schedule (through Spring Cloud
 * Function's invoker, and as a plain handler), configured by the environment, on loopback DynamoDB.
 */
class RetentionFunctionIntegrationTest {

    @TempDir
    static Path keys;

    private static LambdaEnvironment lambda;
    private static DynamoDbClient dynamo;
    private static LeadlineConfig config;

    @BeforeAll
    static void environment() {
        lambda = LambdaEnvironment.start("rt", keys, RetentionFunctionInitializer.class, RetentionFunctionInitializer.FUNCTION_NAME, Map.of());
        dynamo = lambda.dynamoDb().client();
        config = lambda.config();
    }

    @AfterAll
    static void cleanUp() {
        lambda.close();
    }

    @Test
    void theScheduledSweepDeletesExpiredItemsThroughTheSpringInvoker() throws Exception {
        putConversation("expired-1", Instant.now().getEpochSecond() - 60);
        putConversation("alive-1", Instant.now().getEpochSecond() + 3600);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FunctionInvoker().handleRequest(new ByteArrayInputStream(fixture()), out, null);
        JsonNode result = new ObjectMapper().readTree(out.toByteArray());
        assertEquals(1, result.path("deleted").path("conversations").asInt(), result.toString());
        assertEquals(1, dynamo.scan(b -> b.tableName(config.tables().conversations())).count());
    }

    @Test
    void thePlainHandlerSweepsToo() throws Exception {
        putConversation("expired-2", Instant.now().getEpochSecond() - 60);
        @SuppressWarnings("unchecked")
        Map<String, Object> event = new ObjectMapper().readValue(fixture(), Map.class);
        Map<String, Object> result = new RetentionHandler().handleRequest(event, null);
        assertEquals(1, ((Map<?, ?>) result.get("deleted")).get("conversations"));
    }

    private static void putConversation(String id, long expiresAt) {
        dynamo.putItem(b -> b.tableName(config.tables().conversations()).item(Map.of(
                "id", AttributeValue.fromS(id), "sk", AttributeValue.fromS("conversation"),
                "expiresAt", AttributeValue.fromN(Long.toString(expiresAt)))));
    }

    private static byte[] fixture() throws Exception {
        try (var in = RetentionFunctionIntegrationTest.class.getResourceAsStream("/events/scheduled.json")) {
            return in.readAllBytes();
        }
    }
}
