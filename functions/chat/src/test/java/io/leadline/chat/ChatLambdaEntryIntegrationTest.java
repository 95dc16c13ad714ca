package io.leadline.chat;

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

/**
 * The function as Lambda runs it: the handler the template names (Spring Cloud Function's
 * FunctionInvoker with our initializer as MAIN_CLASS), and the plain handler, configured only through
 * the environment, with DynamoDB reached over HTTP on loopback and API Gateway event fixtures as input.
 */
class ChatLambdaEntryIntegrationTest {

    @TempDir
    static Path keys;

    private static LambdaEnvironment lambda;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void environment() {
        lambda = LambdaEnvironment.start("fi", keys, ChatFunctionInitializer.class, ChatFunctionInitializer.FUNCTION_NAME, Map.of());
    }

    @AfterAll
    static void cleanUp() {
        lambda.close();
    }

    @Test
    void springCloudFunctionInvokerServesTheChatApi() throws Exception {
        FunctionInvoker invoker = new FunctionInvoker();
        JsonNode started = invoke(invoker, fixture("start-conversation.json"));
        assertEquals(201, started.path("statusCode").asInt(), started.toString());
        JsonNode body = json.readTree(started.path("body").asText());
        assertEquals("vi", body.path("locale").asText());
        assertEquals("choice", body.path("prompt").path("type").asText());

        String message = fixture("post-message.json")
                .replace("CONVERSATION_ID", body.path("conversationId").asText())
                .replace("TOKEN", body.path("token").asText());
        JsonNode reply = invoke(invoker, message);
        assertEquals(200, reply.path("statusCode").asInt(), reply.toString());
        assertEquals("consent", json.readTree(reply.path("body").asText()).path("prompt").path("type").asText());
        assertEquals("application/json; charset=utf-8", reply.path("headers").path("content-type").asText());
    }

    @Test
    void thePlainHandlerServesTheSameApi() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ChatHandler().handleRequest(new ByteArrayInputStream(fixture("start-conversation.json").getBytes(StandardCharsets.UTF_8)), out, null);
        JsonNode response = json.readTree(out.toByteArray());
        assertEquals(201, response.path("statusCode").asInt(), response.toString());
        assertEquals("vi", json.readTree(response.path("body").asText()).path("locale").asText());
    }

    private JsonNode invoke(FunctionInvoker invoker, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        invoker.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return json.readTree(out.toByteArray());
    }

    private static String fixture(String name) throws Exception {
        try (var in = ChatLambdaEntryIntegrationTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
