package io.leadline.chat;

import io.leadline.config.LeadlineConfig;
import io.leadline.di.Platform;
import io.leadline.storage.TableProvisioner;
import io.leadline.storage.TableSpecs;
import io.leadline.testing.LoopbackDynamoDb;
import io.leadline.testing.StoredPlaintext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DynamoDB throttled, unavailable or slow at the moment a visitor's last answer would capture the lead
 * (faults injected into the SDK client, on DynamoDB Local over HTTP): the visitor is asked politely to
 * try again (503), nothing is half-written and no plaintext lands anywhere, and the widget's retry with
 * the same clientMessageId completes the lead exactly once.
 */
class ChatFaultsIntegrationTest {

    private static final String PHONE = "0912 345 678";

    private static LoopbackDynamoDb server;

    @TempDir
    Path dir;

    private final SdkFaults faults = SdkFaults.dynamoDb();
    private DynamoDbClient dynamo;
    private LeadlineConfig config;
    private ChatClient chat;

    @BeforeAll
    static void startDynamo() {
        server = LoopbackDynamoDb.start();
    }

    @AfterAll
    static void stopDynamo() {
        server.close();
    }

    @BeforeEach
    void setUp() {
        dynamo = DynamoDbClient.builder().endpointOverride(server.endpoint()).region(Region.AP_SOUTHEAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(faults::install)
                .build();
        config = LeadlineConfig.from(Map.of("LEADLINE_TABLE_PREFIX", "f" + UUID.randomUUID().toString().substring(0, 8) + "-",
                "LEADLINE_KEYRING", "local", "LEADLINE_LOCAL_KEY_FILE", dir.resolve("k").toString()));
        new TableProvisioner(dynamo).ensure(TableSpecs.all(config.tables()));
        Platform platform = new Platform(dynamo, () -> {
            throw new IllegalStateException("no KMS in this test");
        }, Clock.systemUTC());
        chat = new ChatClient(DaggerTestChatComponent.factory().create(config, platform).api());
    }

    @ParameterizedTest
    @EnumSource(SdkFaults.Fault.class)
    void theVisitorIsAskedToTryAgainAndTheRetryCompletesExactlyOnce(SdkFaults.Fault fault) {
        var s = chat.start("website-lead", "en");
        String id = s.body().path("conversationId").asText();
        String token = s.body().path("token").asText();
        chat.choice(id, token, "demo");
        chat.consent(id, token, "contact", true);
        chat.text(id, token, "Trần Thị Bích");
        chat.text(id, token, "bich.tran@example.vn");
        String last = "{\"text\":\"" + PHONE + "\",\"clientMessageId\":\"m-phone\"}";

        faults.inject(fault, "TransactWriteItems");
        var refused = chat.message(id, token, last);
        faults.clear();
        assertTrue(faults.hits() >= 1, "the fault hit a TransactWriteItems call");
        assertEquals(503, refused.status(), refused.body().toString());
        assertEquals("unavailable", refused.code());
        assertEquals(0, items(config.tables().leads()).size(), "no lead half-written");
        assertNoPlaintext(PHONE.replace(" ", ""), "+84912345678", "bich.tran");

        var retried = chat.message(id, token, last);
        assertEquals(200, retried.status(), retried.body().toString());
        assertEquals("end", retried.body().path("prompt").path("type").asText());
        var again = chat.message(id, token, last);
        assertEquals(retried.body(), again.body(), "the same answer to the same message");
        assertEquals(1, items(config.tables().leads()).size(), "exactly one lead");
        assertNoPlaintext(PHONE.replace(" ", ""), "+84912345678", "bich.tran");
    }

    private List<Map<String, AttributeValue>> items(String table) {
        return dynamo.scanPaginator(b -> b.tableName(table)).items().stream().toList();
    }

    private void assertNoPlaintext(String... secrets) {
        StoredPlaintext.assertNowhere(dynamo, config.tables().all(), secrets);
    }
}
