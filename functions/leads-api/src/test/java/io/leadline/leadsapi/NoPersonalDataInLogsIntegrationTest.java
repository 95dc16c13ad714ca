package io.leadline.leadsapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadline.chat.ChatClient;
import io.leadline.chat.ChatFunctionInitializer;
import io.leadline.chat.DaggerChatComponent;
import io.leadline.config.LeadlineConfig;
import io.leadline.di.Platform;
import io.leadline.testing.CapturedLogs;
import io.leadline.testing.LambdaEnvironment;
import io.leadline.testing.LoopbackDynamoDb;
import io.leadline.users.LocalUserDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.leadline.leadsapi.ConsoleClient.User;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A full run — chat (through Spring Cloud Function's invoker, as in Lambda) → lead → reveal (export)
 * → erasure, with bad input and a failing database on the way — under the production logging
 * configuration. Every log line and everything printed is captured; the person's name, e-mail and
 * phone appear nowhere.
 */
class NoPersonalDataInLogsIntegrationTest {

    private static final String NAME = "Đặng Thị Mai Anh";
    private static final String EMAIL = "mai.anh.dang@example.vn";
    private static final String PHONE = "0918 765 432";
    private static final List<String> SECRETS = List.of(NAME, "Mai Anh", EMAIL, "mai.anh.dang", "0918 765 432",
            "918765432", "+84918765432");

    @TempDir
    static Path keys;

    private static LambdaEnvironment lambda;
    private static LoopbackDynamoDb dynamoDb;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void environment() {
        // As the template configures the functions: Spring Boot leaves the logging configuration alone, no banner.
        lambda = LambdaEnvironment.start("lg", keys, ChatFunctionInitializer.class, ChatFunctionInitializer.FUNCTION_NAME,
                Map.of("org.springframework.boot.logging.LoggingSystem", "none", "spring.main.banner-mode", "off"));
        dynamoDb = lambda.dynamoDb();
    }

    @AfterAll
    static void cleanUp() {
        lambda.close();
    }

    @Test
    void aFullRunLogsNoPersonalData() throws Exception {
        String logged;
        try (CapturedLogs logs = CapturedLogs.start()) {
            LeadlineConfig config = LeadlineConfig.fromEnvironment();
            DynamoDbClient dynamo = dynamoDb.client();
            Platform platform = new Platform(dynamo, () -> {
                throw new IllegalStateException("no KMS here");
            }, Clock.systemUTC());

            // Chat through the handler the template names, with input that is wrong in every way.
            ChatClient chat = new ChatClient(new ThroughSpringInvoker(new FunctionInvoker(), json));
            var s = chat.start("website-lead", "en");
            String id = s.body().path("conversationId").asText();
            String token = s.body().path("token").asText();
            chat.text(id, token, "I am " + NAME + ", write to " + EMAIL + " or call " + PHONE);
            chat.message(id, token, "{\"text\":\"" + EMAIL + "\", broken json");
            chat.message(id, token, "{\"text\":\"" + PHONE + "\",\"text\":\"dup\"}");
            chat.message(id, token, "{\"" + EMAIL + "\":1}");
            chat.text(id, "A".repeat(43), EMAIL);
            chat.choice(id, token, "demo");
            chat.consent(id, token, "contact", true);
            chat.text(id, token, NAME + " <script>");
            chat.text(id, token, NAME);
            chat.text(id, token, NAME + "@@example");
            chat.text(id, token, EMAIL);
            chat.text(id, token, "not a phone " + NAME);

            // The database is unreachable while the visitor's phone number is in flight: a 503 "try again";
            // then a fault of our own at the same point: a 500, logged with its stack trace.
            ChatClient unreachable = new ChatClient(DaggerChatComponent.factory().create(config,
                    new Platform(failingWrites(dynamo, () -> SdkClientException.create("Unable to execute HTTP request: connection reset")),
                            platform.kms(), Clock.systemUTC())).api());
            assertEquals(503, unreachable.text(id, token, PHONE).status());
            ChatClient failing = new ChatClient(DaggerChatComponent.factory().create(config,
                    new Platform(failingWrites(dynamo, () -> new IllegalStateException("a bug of ours")), platform.kms(),
                            Clock.systemUTC())).api());
            assertEquals(500, failing.text(id, token, PHONE).status());
            assertEquals("end", chat.text(id, token, PHONE).body().path("prompt").path("type").asText());

            // The console: reveal everything (export), then erase.
            ConsoleClient console = new ConsoleClient(DaggerLeadsApiComponent.factory().create(config, platform,
                    new LocalUserDirectory(keys.resolve("users.json"), new java.security.SecureRandom(), Clock.systemUTC())).api());
            var export = console.post(User.admin(), LeadsApiRoutes.PRIVACY_EXPORT, "{\"email\":\"" + EMAIL + "\"}");
            assertEquals(NAME, export.body().path("leads").get(0).path("personal").path("contact").path("name").asText());
            console.post(User.admin(), LeadsApiRoutes.PRIVACY_EXPORT, "{\"email\":\"" + NAME + "\"}");
            console.post(User.rep("an"), LeadsApiRoutes.PRIVACY_EXPORT, "{\"email\":\"" + EMAIL + "\"}");

            assertEquals(200, console.post(User.admin(), LeadsApiRoutes.PRIVACY_ERASE, "{\"email\":\"" + EMAIL + "\"}").status());
            logged = logs.text();
            assertTrue(logs.text().contains("unhandled failure"), "the failure was logged, so capture works");
        }
        for (String secret : SECRETS) {
            assertTrue(!logged.contains(secret) && !logged.toLowerCase().contains(secret.toLowerCase()),
                    "personal data in the logs: " + secret + "\n" + logged);
        }
    }

    /** Fails every transactional write, as a throttled or unreachable DynamoDB would. */
    private static DynamoDbClient failingWrites(DynamoDbClient real, java.util.function.Supplier<RuntimeException> failure) {
        return (DynamoDbClient) Proxy.newProxyInstance(NoPersonalDataInLogsIntegrationTest.class.getClassLoader(),
                new Class<?>[]{DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("transactWriteItems")) {
                        throw failure.get();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Sends API Gateway events as JSON through Spring Cloud Function's invoker, as Lambda does. */
    private record ThroughSpringInvoker(FunctionInvoker invoker, ObjectMapper json)
            implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        @Override
        public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                invoker.handleRequest(new ByteArrayInputStream(json.writeValueAsBytes(event)), out, null);
                JsonNode r = json.readTree(out.toByteArray());
                Map<String, String> headers = new HashMap<>();
                r.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
                return APIGatewayV2HTTPResponse.builder().withStatusCode(r.path("statusCode").asInt())
                        .withHeaders(headers).withBody(r.path("body").asText(null)).build();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
