package io.leadline.crypto;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.model.CollectionOfErrors;
import software.amazon.cryptography.materialproviders.model.OpaqueError;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeEncryptionTest {

    private final Keyrings keyrings = new Keyrings();
    private final EnvelopeEncryption envelope = new EnvelopeEncryption();
    private final IKeyring keyring = keyrings.rawAes("test", key());
    private final byte[] plaintext = "{\"email\":\"an@example.com\"}".getBytes(StandardCharsets.UTF_8);
    private final Map<String, String> context = new EncryptionContext("leads", "L1", "contact", "S1").asMap();

    @Test
    void roundTripsUnderTheSameContext() {
        byte[] ciphertext = envelope.encrypt(keyring, plaintext, context);
        assertArrayEquals(plaintext, envelope.decrypt(keyring, ciphertext, context));
    }

    @Test
    void usesTheCommittingNonSigningSuite() {
        assertEquals("ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY", EnvelopeEncryption.suite().name());
        byte[] ciphertext = envelope.encrypt(keyring, plaintext, context);
        // Message format version 2 (committing suites) starts with 0x02; the suite id 0x0478 follows.
        assertEquals(2, ciphertext[0]);
        assertEquals(0x04, ciphertext[1]);
        assertEquals(0x78, ciphertext[2] & 0xff);
    }

    @Test
    void ciphertextDoesNotContainThePlaintext() {
        String ct = new String(envelope.encrypt(keyring, plaintext, context), StandardCharsets.ISO_8859_1);
        assertFalse(ct.contains("an@example.com"));
    }

    @Test
    void anotherRecordsContextFails() {
        byte[] ciphertext = envelope.encrypt(keyring, plaintext, context);
        Map<String, String> other = new EncryptionContext("leads", "L2", "contact", "S1").asMap();
        assertThrows(UnreadableDataException.class, () -> envelope.decrypt(keyring, ciphertext, other));
        Map<String, String> otherPurpose = new EncryptionContext("leads", "L1", "marketing", "S1").asMap();
        assertThrows(UnreadableDataException.class, () -> envelope.decrypt(keyring, ciphertext, otherPurpose));
        Map<String, String> otherTable = new EncryptionContext("conversations", "L1", "contact", "S1").asMap();
        assertThrows(UnreadableDataException.class, () -> envelope.decrypt(keyring, ciphertext, otherTable));
    }

    @Test
    void anotherKeyFails() {
        byte[] ciphertext = envelope.encrypt(keyring, plaintext, context);
        IKeyring other = keyrings.rawAes("test", key());
        assertThrows(UnreadableDataException.class, () -> envelope.decrypt(other, ciphertext, context));
    }

    @Test
    void tamperedCiphertextFails() {
        byte[] ciphertext = envelope.encrypt(keyring, plaintext, context);
        ciphertext[ciphertext.length - 20] ^= 1;
        assertThrows(UnreadableDataException.class, () -> envelope.decrypt(keyring, ciphertext, context));
    }

    @Test
    void aKmsFailureReportedInsideTheKeyringsCollectionOfErrorsIsFound() {
        SdkException throttled = KmsException.builder().statusCode(400).message("Rate exceeded").build();
        RuntimeException fromKeyring = CollectionOfErrors.builder().message("No Configured KMS Key was able to decrypt")
                .list(List.of(OpaqueError.builder().message("opaque").obj(throttled).build())).build();
        assertSame(throttled, EnvelopeEncryption.keyServiceFailure(new IllegalStateException("wrapped", fromKeyring)).orElseThrow());
        assertTrue(EnvelopeEncryption.keyServiceFailure(CollectionOfErrors.builder().message("bad tag")
                .list(List.of(new IllegalArgumentException("no"))).build()).isEmpty(), "a broken message is not KMS");
    }

    private static byte[] key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }
}
