package io.leadline.chat;

import io.leadline.config.LeadlineConfig;
import io.leadline.leads.Lead;
import io.leadline.testing.LocalDynamo;
import io.leadline.testing.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AWS KMS keyring against a real KMS wire protocol (moto's server, real AES-GCM with the
 * encryption context as AAD): one warm container capturing 1,000 leads through the chat API calls
 * KMS at most 10 times, per-subject keys included.
 */
class KmsAmortisationIntegrationTest {

    static final int LEADS = 1_000;

    private static MotoServer moto;
    private static KmsClient kms;
    private static String keyArn;

    @BeforeAll
    static void kms() {
        moto = MotoServer.start();
        kms = moto.kms();
        keyArn = kms.createKey(b -> b.description("leadline test root key")).keyMetadata().arn();
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void aWarmContainerCapturingAThousandLeadsCallsKmsAtMostTenTimes() {
        DynamoDbClient dynamo = LocalDynamo.client();
        LeadlineConfig config = KmsAmortisation.config(dynamo, keyArn);
        TestChatComponent container = KmsAmortisation.container(config, dynamo, kms);
        moto.resetCounts();

        KmsAmortisation.captureLeads(new ChatClient(container.api()), LEADS);

        long leads = dynamo.scanPaginator(b -> b.tableName(config.tables().leads())).items().stream().count();
        assertEquals(LEADS, leads);
        System.out.println("KMS calls for " + LEADS + " leads in one container: " + moto.calls());
        assertTrue(moto.totalCalls() <= 10, "KMS calls: " + moto.calls());
        assertTrue(moto.totalCalls() >= 1, "the KMS keyring was really used: " + moto.calls());

        // A second container reading those leads: one Decrypt for the first container's key-encryption key,
        // one for the blind-index key, then nothing more whatever the number of leads it reads.
        moto.resetCounts();
        TestChatComponent reader = KmsAmortisation.container(config, dynamo, kms);
        List<Lead> sample = dynamo.scanPaginator(b -> b.tableName(config.tables().leads()).limit(50)).items().stream()
                .limit(50).map(i -> reader.leads().find(i.get("id").s()).orElseThrow()).toList();
        sample.forEach(l -> assertTrue(reader.leadCapture().reveal(l).get("contact").get("email").orElseThrow().endsWith("@example.vn")));
        assertTrue(moto.totalCalls() <= 2, "reading 50 leads in a new container: " + moto.calls());
    }

    @Test
    void keyEncryptionKeysAreWrappedByTheKmsKey() {
        DynamoDbClient dynamo = LocalDynamo.client();
        LeadlineConfig config = KmsAmortisation.config(dynamo, keyArn);
        TestChatComponent container = KmsAmortisation.container(config, dynamo, kms);
        new ChatClient(container.api()).leaveLead("Trần Văn Bảo", "bao@example.vn", "0912000111");
        var item = dynamo.scan(b -> b.tableName(config.tables().keys())).items().stream()
                .filter(i -> "kek".equals(i.get("kind").s())).findFirst().orElseThrow();
        // The key-encryption key is an Encryption SDK message whose data key KMS wrapped: its header names the KMS key.
        String header = new String(item.get("wrapped").b().asByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("aws-kms") && header.contains(keyArn), "wrapped by the KMS keyring");
    }
}
