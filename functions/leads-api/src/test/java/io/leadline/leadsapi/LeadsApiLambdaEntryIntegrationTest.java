package io.leadline.leadsapi;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadline.config.LeadlineConfig;
import io.leadline.storage.TableProvisioner;
import io.leadline.storage.TableSpecs;
import io.leadline.testing.LoopbackDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console API as Lambda runs it, configured only through the environment: the handler the template
 * names (Spring Cloud Function's invoker) and the plain stream handler, each given API Gateway's JSON
 * event with the claims the JWT authorizer passes on, DynamoDB on loopback.
 */
class LeadsApiLambdaEntryIntegrationTest {

    @TempDir
    static Path keys;

    private static LoopbackDynamoDb dynamoDb;
    private static final Map<String, String> settings = new HashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    /** A manager's first page of leads, as API Gateway hands it over. */
    private static final String LIST_LEADS = """
            {"version":"2.0","routeKey":"GET /api/leads","rawPath":"/api/leads","rawQueryString":"limit=5",
             "headers":{"authorization":"Bearer jwt","host":"api.leadline.example"},
             "queryStringParameters":{"limit":"5"},
             "requestContext":{"accountId":"000000000000","apiId":"api","requestId":"r-1","routeKey":"GET /api/leads",
               "stage":"$default","timeEpoch":1795428000000,
               "http":{"method":"GET","path":"/api/leads","protocol":"HTTP/1.1","sourceIp":"198.51.100.7","userAgent":"test"},
               "authorizer":{"jwt":{"claims":CLAIMS,"scopes":null}}},
             "isBase64Encoded":false}
            """;
    private static final String MANAGER = """
            {"sub":"6f1c2a7e-1d2b-4c3d-9e8f-0a1b2c3d4e5f","cognito:username":"manager","cognito:groups":"[sales-manager]","token_use":"id"}""";

    @BeforeAll
    static void environment() {
        dynamoDb = LoopbackDynamoDb.start();
        settings.put("LEADLINE_TABLE_PREFIX", "le" + UUID.randomUUID().toString().substring(0, 6) + "-");
        settings.put("LEADLINE_KEYRING", "local");
        settings.put("LEADLINE_LOCAL_KEY_FILE", keys.resolve("root.key").toString());
        settings.put("LEADLINE_DYNAMODB_ENDPOINT", dynamoDb.endpoint().toString());
        settings.put("LEADLINE_USER_POOL_ID", "ap-southeast-1_entry");
        settings.put("AWS_REGION", "ap-southeast-1");
        settings.put("MAIN_CLASS", LeadsApiFunctionInitializer.class.getName());
        settings.put("spring.cloud.function.definition", LeadsApiFunctionInitializer.FUNCTION_NAME);
        settings.put("aws.accessKeyId", "local");
        settings.put("aws.secretAccessKey", "local");
        settings.forEach(System::setProperty);
        new TableProvisioner(dynamoDb.client()).ensure(TableSpecs.all(LeadlineConfig.fromEnvironment().tables()));
    }

    @AfterAll
    static void cleanUp() {
        settings.keySet().forEach(System::clearProperty);
        dynamoDb.close();
    }

    @Test
    void springCloudFunctionInvokerServesTheConsoleApi() throws Exception {
        servesAManagerAndRefusesTheAnonymous(new FunctionInvoker());
    }

    @Test
    void thePlainHandlerServesTheSameApi() throws Exception {
        servesAManagerAndRefusesTheAnonymous(new LeadsApiHandler());
    }

    private void servesAManagerAndRefusesTheAnonymous(RequestStreamHandler handler) throws Exception {
        JsonNode page = invoke(handler, LIST_LEADS.replace("CLAIMS", MANAGER));
        assertEquals(200, page.path("statusCode").asInt(), page.toString());
        JsonNode body = json.readTree(page.path("body").asText());
        assertTrue(body.path("leads").isArray(), body.toString());
        assertEquals("application/json; charset=utf-8", page.path("headers").path("content-type").asText());

        JsonNode refused = invoke(handler, LIST_LEADS.replace("CLAIMS", "{}"));
        assertEquals(401, refused.path("statusCode").asInt(), refused.toString());
        assertEquals("unauthorized", json.readTree(refused.path("body").asText()).path("error").path("code").asText(), refused.toString());
    }

    private JsonNode invoke(RequestStreamHandler handler, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return json.readTree(out.toByteArray());
    }
}
