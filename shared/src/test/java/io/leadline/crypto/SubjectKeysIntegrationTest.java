package io.leadline.crypto;

import io.leadline.storage.Storage;
import io.leadline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The key hierarchy on DynamoDB Local with the local root keyring. */
class SubjectKeysIntegrationTest {

    @TempDir
    Path dir;

    private TestEnvironment env;
    private KeyStore store;
    private SubjectKeys keys;
    private PersonalDataCipher cipher;

    @BeforeEach
    void setUp() {
        env = TestEnvironment.create(dir);
        Keyrings keyrings = new Keyrings();
        Storage storage = new Storage(DynamoDbEnhancedClient.builder().dynamoDbClient(env.dynamo).extensions().build(), env.dynamo);
        store = new KeyStore(storage, env.config.tables(), env.clock);
        var root = keyrings.rawAes("local-root", LocalKeyFile.loadOrCreate(env.config.localKeyFile().orElseThrow(), new SecureRandom()));
        EnvelopeEncryption envelope = new EnvelopeEncryption();
        keys = new SubjectKeys(store, () -> root, envelope, keyrings, new SecureRandom(), env.clock, KeyPolicy.defaults());
        cipher = new PersonalDataCipher(keys, envelope);
    }

    @Test
    void dataEncryptedBeforeAnErasureCannotBeReadAfterItEvenFromASavedCopy() {
        keys.create("S1", expiry(Duration.ofDays(30)));
        EncryptionContext ctx = new EncryptionContext("leads", "L1", "contact", "S1");
        SdkBytes savedCopy = cipher.seal(ctx, "an@example.com".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("an@example.com".getBytes(StandardCharsets.UTF_8), cipher.open(ctx, savedCopy));

        keys.destroy("S1");

        assertThrows(UnreadableDataException.class, () -> cipher.open(ctx, savedCopy));
        assertTrue(store.find("subject#S1").isEmpty());
    }

    @Test
    void anotherContainerReadsTheKeyThroughTheStoredKeyEncryptionKey() {
        keys.create("S2", expiry(Duration.ofDays(30)));
        EncryptionContext ctx = new EncryptionContext("conversations", "C1", "contact", "S2");
        SdkBytes sealed = cipher.seal(ctx, "secret".getBytes(StandardCharsets.UTF_8));

        // A second container: same tables and root key, nothing cached.
        var root = new Keyrings().rawAes("local-root", LocalKeyFile.loadOrCreate(env.config.localKeyFile().orElseThrow(), new SecureRandom()));
        SubjectKeys other = new SubjectKeys(store, () -> root, new EnvelopeEncryption(), new Keyrings(), new SecureRandom(), env.clock, KeyPolicy.defaults());
        assertArrayEquals("secret".getBytes(StandardCharsets.UTF_8), new PersonalDataCipher(other, new EnvelopeEncryption()).open(ctx, sealed));
    }

    @Test
    void oneKeyEncryptionKeyWrapsManySubjectKeysWithinItsRotationPeriod() {
        for (int i = 0; i < 5; i++) {
            keys.create("M" + i, expiry(Duration.ofDays(30)));
        }
        long keks = env.rawItems(env.config.tables().keys()).stream().filter(i -> "kek".equals(i.get("kind").s())).count();
        assertEquals(1, keks);
        env.clock.advance(KeyPolicy.defaults().kekRotation().plusSeconds(1));
        keys.create("M-after-rotation", expiry(Duration.ofDays(30)));
        keks = env.rawItems(env.config.tables().keys()).stream().filter(i -> "kek".equals(i.get("kind").s())).count();
        assertEquals(2, keks);
    }

    @Test
    void keyItemsHoldNoPlaintextKeyAndExpire() {
        keys.create("S3", expiry(Duration.ofDays(30)));
        for (var item : env.rawItems(env.config.tables().keys())) {
            assertTrue(item.get("wrapped").b().asByteArray().length > 32 + 100, "wrapped, not raw");
            assertTrue(Long.parseLong(item.get("expiresAt").n()) > env.clock.instant().getEpochSecond());
        }
    }

    @Test
    void extendingRetentionKeepsTheKeyAtLeastAsLongAsTheData() {
        keys.create("S4", expiry(Duration.ofDays(30)));
        long later = expiry(Duration.ofDays(400));
        keys.extend("S4", later);
        assertEquals(later, store.find("subject#S4").orElseThrow().expiresAt());
    }

    @Test
    void anExpiredKeyIsNeverServed() {
        keys.create("S5", expiry(Duration.ofDays(1)));
        env.clock.advance(Duration.ofDays(2));
        SubjectKeys fresh = new SubjectKeys(store, () -> new Keyrings().rawAes("local-root",
                LocalKeyFile.loadOrCreate(env.config.localKeyFile().orElseThrow(), new SecureRandom())),
                new EnvelopeEncryption(), new Keyrings(), new SecureRandom(), env.clock, KeyPolicy.defaults());
        assertThrows(UnreadableDataException.class, () -> fresh.keyring("S5"));
    }

    private long expiry(Duration d) {
        return env.clock.instant().plus(d).getEpochSecond();
    }
}
