package io.leadline.leadsapi;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadline.testing.LambdaEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

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

    private static LambdaEnvironment lambda;
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
        lambda = LambdaEnvironment.start("le", keys, LeadsApiFunctionInitializer.class, LeadsApiFunctionInitializer.FUNCTION_NAME,
                Map.of("LEADLINE_USER_POOL_ID", "ap-southeast-1_entry"));
    }

    @AfterAll
    static void cleanUp() {
        lambda.close();
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
