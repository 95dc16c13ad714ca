package io.leadline.crypto;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.CryptoResult;
import software.amazon.cryptography.materialproviders.IKeyring;

import java.util.Map;

/**
 * The AWS Encryption SDK with Leadline's choices: the committing, non-signing suite
 * (AES-256-GCM, HKDF-SHA512, key commitment). Writers and readers are the same trusted functions,
 * so an ECDSA signature would buy nothing and cost ~50x throughput and ~200 bytes per message.
 */
@Singleton
public final class EnvelopeEncryption {

    @Inject
    public EnvelopeEncryption() {
    }

    public static final CryptoAlgorithm SUITE = CryptoAlgorithm.ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY;

    private final AwsCrypto crypto = AwsCrypto.builder()
            .withCommitmentPolicy(CommitmentPolicy.RequireEncryptRequireDecrypt)
            .withEncryptionAlgorithm(SUITE)
            // One wrapped data key per message: more would mean a keyring we did not configure.
            .withMaxEncryptedDataKeys(1)
            .build();

    public byte[] encrypt(IKeyring keyring, byte[] plaintext, Map<String, String> context) {
        return crypto.encryptData(keyring, plaintext, context).getResult();
    }

    /**
     * Decrypts and checks that the message was made for exactly this context and with our suite.
     */
    public byte[] decrypt(IKeyring keyring, byte[] ciphertext, Map<String, String> context) {
        CryptoResult<byte[], ?> result;
        try {
            result = crypto.decryptData(keyring, ciphertext, context);
        } catch (RuntimeException e) {
            throw new UnreadableDataException("ciphertext cannot be decrypted with this key and context", e);
        }
        if (result.getCryptoAlgorithm() != SUITE) {
            throw new UnreadableDataException("unexpected algorithm suite " + result.getCryptoAlgorithm());
        }
        Map<String, String> stored = result.getEncryptionContext();
        for (Map.Entry<String, String> e : context.entrySet()) {
            if (!e.getValue().equals(stored.get(e.getKey()))) {
                throw new UnreadableDataException("encryption context does not match " + e.getKey());
            }
        }
        return result.getResult();
    }
}
