package io.leadline.crypto;

import io.leadline.di.Deferred;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.CryptoResult;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.model.CollectionOfErrors;
import software.amazon.cryptography.materialproviders.model.OpaqueError;
import software.amazon.cryptography.materialproviders.model.OpaqueWithTextError;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /**
     * The suite, named in a method rather than a constant: initialising CryptoAlgorithm builds the
     * Material Providers, which must wait for the first encryption (see Deferred), not this class's loading.
     */
    static CryptoAlgorithm suite() {
        return CryptoAlgorithm.ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY;
    }

    private final Deferred<AwsCrypto> crypto = Deferred.of(() -> AwsCrypto.builder()
            .withCommitmentPolicy(CommitmentPolicy.RequireEncryptRequireDecrypt)
            .withEncryptionAlgorithm(suite())
            // One wrapped data key per message: more would mean a keyring we did not configure.
            .withMaxEncryptedDataKeys(1)
            .build());

    public byte[] encrypt(IKeyring keyring, byte[] plaintext, Map<String, String> context) {
        try {
            return crypto.get().encryptData(keyring, plaintext, context).getResult();
        } catch (RuntimeException e) {
            throw keyServiceFailure(e).<RuntimeException>map(KeyServiceException::new).orElse(e);
        }
    }

    /**
     * Decrypts and checks that the message was made for exactly this context and with our suite.
     */
    public byte[] decrypt(IKeyring keyring, byte[] ciphertext, Map<String, String> context) {
        CryptoResult<byte[], ?> result;
        try {
            result = crypto.get().decryptData(keyring, ciphertext, context);
        } catch (RuntimeException e) {
            // KMS throttled or out of reach says nothing about the data: the caller should try again, not
            // be told the data is gone. The keyring reports it inside a collection of errors, not as a cause.
            Optional<SdkException> keyService = keyServiceFailure(e);
            if (keyService.isPresent()) {
                throw new KeyServiceException(keyService.get());
            }
            throw new UnreadableDataException("ciphertext cannot be decrypted with this key and context", e);
        }
        if (result.getCryptoAlgorithm() != suite()) {
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

    /**
     * The AWS SDK exception of a failed KMS call somewhere in what the Encryption SDK threw: in the
     * cause chain, or in the Material Providers library's {@code CollectionOfErrors} (one per
     * encrypted data key tried) and {@code OpaqueError} wrappers, which carry it outside the chain.
     */
    static Optional<SdkException> keyServiceFailure(Throwable failure) {
        Deque<Object> pending = new ArrayDeque<>(List.of(failure));
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!pending.isEmpty()) {
            Object next = pending.pop();
            if (!(next instanceof Throwable t) || !seen.add(t)) {
                continue;
            }
            if (t instanceof SdkException sdk) {
                return Optional.of(sdk);
            }
            switch (t) {
                case CollectionOfErrors c -> pending.addAll(c.list());
                case OpaqueError o -> pending.add(o.obj());
                case OpaqueWithTextError o -> pending.add(o.obj());
                default -> {
                }
            }
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
        }
        return Optional.empty();
    }
}
