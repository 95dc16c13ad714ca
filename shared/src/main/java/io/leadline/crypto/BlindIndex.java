package io.leadline.crypto;

import io.leadline.storage.ConcurrentUpdateException;
import dagger.Lazy;
import io.leadline.di.Deferred;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.cryptography.materialproviders.IKeyring;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Keyed blind indexes: HMAC-SHA256 of a normalised e-mail address or E.164 phone number, so leads can
 * be matched (duplicate detection, data-subject look-ups) without storing the value. The HMAC key
 * is stored only wrapped by the root keyring (KMS in AWS) and unwrapped once per container.
 */
@Singleton
public final class BlindIndex {

    static final String ITEM_ID = "index#hmac-v1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final KeyStore store;
    /** Made on first use: a greeting needs no keys (see Deferred). */
    private final Lazy<IKeyring> root;
    private final EnvelopeEncryption envelope;
    private final SecureRandom random;
    private final Clock clock;
    private final KeyPolicy policy;
    /** Unwrapped once per container, on the first lookup. */
    private final Deferred<SecretKeySpec> key = Deferred.of(() -> new SecretKeySpec(loadOrCreate(), ALGORITHM));

    @Inject
    public BlindIndex(KeyStore store, @Named("root") Lazy<IKeyring> root, EnvelopeEncryption envelope, SecureRandom random,
                      Clock clock, KeyPolicy policy) {
        this.store = store;
        this.root = root;
        this.envelope = envelope;
        this.random = random;
        this.clock = clock;
        this.policy = policy;
    }

    /** @param normalizedEmail as {@code ContactNormalizer.email} returns it */
    public String email(String normalizedEmail) {
        return "e1:" + hmac("email\u0000" + normalizedEmail);
    }

    /** @param e164 as {@code ContactNormalizer.phone} returns it */
    public String phone(String e164) {
        return "p1:" + hmac("phone\u0000" + e164);
    }

    private String hmac(String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key.get());
            return BASE64.encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private byte[] loadOrCreate() {
        Map<String, String> context = new EncryptionContext("keys", ITEM_ID, "blind-index", "-").asMap();
        for (int attempt = 0; attempt < 3; attempt++) {
            var existing = store.find(ITEM_ID);
            if (existing.isPresent()) {
                KeyItem item = existing.get();
                byte[] plain = envelope.decrypt(root.get(), item.wrapped().asByteArray(), context);
                keepAlive(item);
                return plain;
            }
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            Instant now = clock.instant();
            try {
                store.create(new KeyItem(ITEM_ID, KeyItem.INDEX, SdkBytes.fromByteArray(envelope.encrypt(root.get(), fresh, context)),
                        null, now, now.plus(policy.kekLifetime()).getEpochSecond()));
                return fresh;
            } catch (ConcurrentUpdateException raced) {
                // Another container created it first: read theirs.
            }
        }
        throw new IllegalStateException("cannot load or create the blind-index key");
    }

    /** The key must outlive every index made with it: push its expiry forward while it is in use. */
    private void keepAlive(KeyItem item) {
        long wanted = clock.instant().plus(policy.longestRetention()).getEpochSecond();
        if (item.expiresAt() < wanted) {
            store.replace(new KeyItem(item.id(), item.kind(), item.wrapped(), item.kekId(), item.createdAt(),
                    clock.instant().plus(policy.kekLifetime()).getEpochSecond()));
        }
    }
}
