package io.leadline.crypto;

import dagger.Lazy;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import software.amazon.cryptography.materialproviders.IKeyring;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;

/**
 * One encrypt and decrypt through the same Encryption SDK path as a lead's data, under a throwaway
 * raw AES key: loads and warms the SDK without a KMS call or any stored key (for priming). It also
 * makes the root keyring, which is otherwise made on first use (see Deferred): making it calls
 * nothing, and a snapshot taken after priming then holds it and its KMS client.
 */
public final class EncryptionWarmUp implements Runnable {

    private final EnvelopeEncryption envelope;
    private final Keyrings keyrings;
    private final Lazy<IKeyring> root;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public EncryptionWarmUp(EnvelopeEncryption envelope, Keyrings keyrings, @Named("root") Lazy<IKeyring> root) {
        this.envelope = envelope;
        this.keyrings = keyrings;
        this.root = root;
    }

    @Override
    public void run() {
        root.get();
        byte[] key = new byte[32];
        random.nextBytes(key);
        Map<String, String> context = Map.of("purpose", "priming");
        byte[] sealed = envelope.encrypt(keyrings.rawAes("priming", key), "priming".getBytes(StandardCharsets.UTF_8), context);
        envelope.decrypt(keyrings.rawAes("priming", key), sealed, context);
    }
}
