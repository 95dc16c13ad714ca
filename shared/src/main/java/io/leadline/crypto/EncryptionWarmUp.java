package io.leadline.crypto;

import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;

/**
 * One encrypt and decrypt through the same Encryption SDK path as a lead's data, under a throwaway
 * raw AES key: loads and warms the SDK without a KMS call or any stored key (for priming).
 */
public final class EncryptionWarmUp implements Runnable {

    private final EnvelopeEncryption envelope;
    private final Keyrings keyrings;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public EncryptionWarmUp(EnvelopeEncryption envelope, Keyrings keyrings) {
        this.envelope = envelope;
        this.keyrings = keyrings;
    }

    @Override
    public void run() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        Map<String, String> context = Map.of("purpose", "priming");
        byte[] sealed = envelope.encrypt(keyrings.rawAes("priming", key), "priming".getBytes(StandardCharsets.UTF_8), context);
        envelope.decrypt(keyrings.rawAes("priming", key), sealed, context);
    }
}
