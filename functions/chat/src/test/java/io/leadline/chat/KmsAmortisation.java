package io.leadline.chat;

import io.leadline.config.LeadlineConfig;
import io.leadline.di.Platform;
import io.leadline.storage.TableProvisioner;
import io.leadline.storage.TableSpecs;
import io.leadline.testing.MutableClock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

import java.util.Map;
import java.util.UUID;

/**
 * The scenario behind the KMS amortisation tests: one warm chat container with the AWS KMS keyring
 * captures {@code n} leads through the chat API; the caller counts the KMS calls it made.
 */
final class KmsAmortisation {

    private KmsAmortisation() {
    }

    static LeadlineConfig config(DynamoDbClient dynamo, String keyArn) {
        LeadlineConfig config = LeadlineConfig.from(Map.of(
                "LEADLINE_TABLE_PREFIX", "k" + UUID.randomUUID().toString().substring(0, 8) + "-",
                "LEADLINE_KEYRING", "kms",
                "LEADLINE_KMS_KEY_ID", keyArn));
        new TableProvisioner(dynamo).ensure(TableSpecs.all(config.tables()));
        return config;
    }

    /** A fresh container (nothing cached) on these tables. */
    static TestChatComponent container(LeadlineConfig config, DynamoDbClient dynamo, KmsClient kms) {
        return DaggerTestChatComponent.factory().create(config, new Platform(dynamo, () -> kms, MutableClock.startingNow()));
    }

    static void captureLeads(ChatClient chat, int n) {
        for (int i = 0; i < n; i++) {
            chat.leaveLead("Visitor Number " + letters(i), "visitor" + i + "@example.vn", "090" + (1_000_000 + i));
        }
    }

    private static String letters(int i) {
        StringBuilder sb = new StringBuilder();
        do {
            sb.append((char) ('a' + i % 26));
            i /= 26;
        } while (i > 0);
        return sb.toString();
    }
}
