package io.leadline.chat;

import io.leadline.config.LeadlineConfig;
import io.leadline.testing.CapturedLogs;
import io.leadline.testing.LocalDynamo;
import io.leadline.testing.MotoServer;
import io.leadline.testing.StoredPlaintext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * KMS throttled, unavailable or slow at the moment a conversation needs it, with the real AWS KMS
 * keyring against moto's KMS (real AES-GCM, encryption context as AAD) and the faults injected into
 * the KMS SDK client. KMS calls are amortised (docs/DESIGN-crypto.md), so the moments are chosen where
 * a container really calls KMS:
 * <ul>
 *   <li>{@code CONSENT}: a fresh container's first consent makes its key-encryption key
 *       ({@code GenerateDataKey}) to wrap the visitor's new subject key;</li>
 *   <li>{@code CAPTURE}: a fresh container receives the last answer of a conversation another container
 *       began, and must unwrap that container's key-encryption key ({@code Decrypt}) to read the
 *       answers so far and capture the lead.</li>
 * </ul>
 * Each time: the visitor gets the API's 503 "please try again", the tables are exactly as before the
 * message, no personal data is in plaintext in any table or log line, and after KMS recovers the
 * retry with the same clientMessageId, in the same container, completes exactly once.
 */
class ChatKmsFaultsIntegrationTest {

    enum Moment {
        CONSENT("GenerateDataKey"),
        CAPTURE("Decrypt");

        final String kmsOperation;

        Moment(String kmsOperation) {
            this.kmsOperation = kmsOperation;
        }
    }

    private static final String NAME = "Trần Thị Bích";
    private static final String EMAIL = "bich.tran@example.vn";
    private static final String PHONE = "0912 345 678";
    private static final String[] SECRETS = {"Trần", "Bích", "bich.tran", "912345678", "912 345 678"};

    private static MotoServer moto;
    private static String keyArn;

    private final SdkFaults faults = SdkFaults.kms();
    private DynamoDbClient dynamo;
    private LeadlineConfig config;
    private KmsClient kms;

    @BeforeAll
    static void startKms() {
        moto = MotoServer.start();
        keyArn = moto.kms().createKey(b -> b.description("leadline fault test key")).keyMetadata().arn();
    }

    @AfterAll
    static void stopKms() {
        if (moto != null) {
            moto.close();
        }
    }

    @BeforeEach
    void setUp() {
        dynamo = LocalDynamo.client();
        config = KmsAmortisation.config(dynamo, keyArn);
        kms = moto.kms(faults::install);
    }

    static Stream<Arguments> faultsAndMoments() {
        return Arrays.stream(Moment.values())
                .flatMap(m -> Arrays.stream(SdkFaults.Fault.values()).map(f -> Arguments.of(m, f)));
    }

    @ParameterizedTest(name = "{1} at {0}")
    @MethodSource("faultsAndMoments")
    void theVisitorIsAskedToTryAgainAndTheRetryCompletesExactlyOnce(Moment moment, SdkFaults.Fault fault) {
        ChatClient first = new ChatClient(KmsAmortisation.container(config, dynamo, kms).api());
        var s = first.start("website-lead", "en");
        String id = s.body().path("conversationId").asText();
        String token = s.body().path("token").asText();
        first.choice(id, token, "demo");

        ChatClient faulted;
        String message;
        if (moment == Moment.CONSENT) {
            faulted = first;
            message = "{\"consent\":{\"purpose\":\"contact\",\"granted\":true},\"clientMessageId\":\"m-consent\"}";
        } else {
            first.consent(id, token, "contact", true);
            first.text(id, token, NAME);
            first.text(id, token, EMAIL);
            faulted = new ChatClient(KmsAmortisation.container(config, dynamo, kms).api());
            message = "{\"text\":\"" + PHONE + "\",\"clientMessageId\":\"m-phone\"}";
        }
        Map<String, List<Map<String, AttributeValue>>> before = snapshot();

        ChatClient.Response refused;
        String logs;
        faults.inject(fault, moment.kmsOperation);
        try (CapturedLogs captured = CapturedLogs.start()) {
            refused = faulted.message(id, token, message);
            logs = captured.text();
        } finally {
            faults.clear();
        }
        assertTrue(faults.hits() >= 1, "the fault hit a KMS " + moment.kmsOperation + " call");
        assertEquals(503, refused.status(), refused.body().toString());
        assertEquals("unavailable", refused.code());
        assertEquals("we could not complete that just now; please try again",
                refused.body().path("error").path("message").asText());
        assertFalse(refused.body().path("error").path("requestId").asText().isEmpty(), refused.body().toString());
        assertEquals(before, snapshot(), "nothing written by the refused message");
        assertNoPlaintext(logs);

        var retried = faulted.message(id, token, message);
        assertEquals(200, retried.status(), retried.body().toString());
        assertEquals(retried.body(), faulted.message(id, token, message).body(), "the same answer to the same message");
        if (moment == Moment.CONSENT) {
            faulted.text(id, token, NAME);
            faulted.text(id, token, EMAIL);
            faulted.text(id, token, PHONE);
        }
        assertEquals("end", faulted.resume(id, token).body().path("prompt").path("type").asText());
        assertEquals(1, items(config.tables().leads()).size(), "exactly one lead");
        assertNoPlaintext("");
    }

    /** Every table's items, in key order. */
    private Map<String, List<Map<String, AttributeValue>>> snapshot() {
        Map<String, List<Map<String, AttributeValue>>> all = new TreeMap<>();
        for (String table : config.tables().all()) {
            all.put(table, items(table).stream().sorted(java.util.Comparator.comparing(Object::toString)).toList());
        }
        return all;
    }

    private List<Map<String, AttributeValue>> items(String table) {
        return dynamo.scanPaginator(b -> b.tableName(table)).items().stream().toList();
    }

    private void assertNoPlaintext(String logs) {
        StoredPlaintext.assertNowhere(dynamo, config.tables().all(), SECRETS);
        for (String secret : SECRETS) {
            assertFalse(logs.contains(secret), "a log line holds " + secret);
        }
    }
}
