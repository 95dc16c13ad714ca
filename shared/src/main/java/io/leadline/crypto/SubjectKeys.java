package io.leadline.crypto;

import dagger.Lazy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.inject.Named;

import io.leadline.storage.ConcurrentUpdateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.cryptography.materialproviders.IKeyring;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One key per data subject, for crypto-shredding, with KMS calls amortised:
 *
 * <pre>
 *   root keyring (KMS key in AWS, 0600 key file locally)
 *     └─ key-encryption key (KEK): made once per container and rotation period → 1 KMS call
 *          └─ subject key: one per data subject, wrapped by a KEK, unwrapped locally
 *               └─ personal data: Encryption SDK messages, bound to their record
 * </pre>
 *
 * Reading a subject key wrapped by another container's KEK costs one KMS Decrypt per KEK, cached
 * for the life of the container. Destroying the subject key makes its data unreadable everywhere,
 * backups included, because the keys table is not in the data tables' backups.
 */
@Singleton
public final class SubjectKeys {

    private static final Logger log = LoggerFactory.getLogger(SubjectKeys.class);
    private static final String TABLE = "keys";

    private record Kek(String id, IKeyring keyring, Instant createdAt, long expiresAt) {
    }

    private final KeyStore store;
    /** Made on first use: a greeting needs no keys (see Deferred). */
    private final Lazy<IKeyring> root;
    private final EnvelopeEncryption envelope;
    private final Keyrings keyrings;
    private final SecureRandom random;
    private final Clock clock;
    private final KeyPolicy policy;
    private final Map<String, Kek> keks = new ConcurrentHashMap<>();
    private final ExpiringCache<String, IKeyring> subjects;
    private volatile Kek current;

    @Inject
    public SubjectKeys(KeyStore store, @Named("root") Lazy<IKeyring> root, EnvelopeEncryption envelope, Keyrings keyrings,
                       SecureRandom random, Clock clock, KeyPolicy policy) {
        this.store = store;
        this.root = root;
        this.envelope = envelope;
        this.keyrings = keyrings;
        this.random = random;
        this.clock = clock;
        this.policy = policy;
        this.subjects = new ExpiringCache<>(clock, policy.subjectKeyCache(), 10_000);
    }

    /** Makes and stores a new key for a subject; {@code expiresAt} is when the data it protects expires. */
    public void create(String subjectId, long expiresAt) {
        byte[] key = randomKey();
        Kek kek = currentKek();
        store.create(wrapSubjectKey(subjectId, key, kek, Math.min(expiresAt, kek.expiresAt())));
        subjects.remove(subjectId);
    }

    /** The keyring for a subject's data. Fails if the key was destroyed or has expired. */
    public IKeyring keyring(String subjectId) {
        return subjects.get(subjectId, this::unwrap);
    }

    /**
     * Keeps a subject's key as long as its data: when data retention moves forward, the key must
     * not expire first. Rewraps under the current KEK when the old one would expire too early.
     */
    public void extend(String subjectId, long expiresAt) {
        KeyItem item = store.find(SUBJECT_PREFIX + subjectId)
                .orElseThrow(() -> UnreadableDataException.keyGone("no key for subject"));
        if (item.expiresAt() >= expiresAt) {
            return;
        }
        Kek kek = kek(item.kekId());
        if (kek.expiresAt() >= expiresAt) {
            store.replace(new KeyItem(item.id(), item.kind(), item.wrapped(), item.kekId(), item.createdAt(), expiresAt));
            return;
        }
        byte[] key = unwrapKeyBytes(item);
        Kek fresh = currentKek();
        store.replace(wrapSubjectKey(subjectId, key, fresh, Math.min(expiresAt, fresh.expiresAt())));
    }

    /** Crypto-shredding: after this, the subject's data cannot be decrypted from any copy. */
    public void destroy(String subjectId) {
        store.delete(SUBJECT_PREFIX + subjectId);
        subjects.remove(subjectId);
    }

    private static final String SUBJECT_PREFIX = "subject#";
    private static final String KEK_PREFIX = "kek#";

    private KeyItem wrapSubjectKey(String subjectId, byte[] key, Kek kek, long expiresAt) {
        String id = SUBJECT_PREFIX + subjectId;
        byte[] wrapped = envelope.encrypt(kek.keyring(), key, context(id, "subject-key", subjectId));
        return new KeyItem(id, KeyItem.SUBJECT, SdkBytes.fromByteArray(wrapped), kek.id(), clock.instant(), expiresAt);
    }

    private IKeyring unwrap(String subjectId) {
        KeyItem item = store.find(SUBJECT_PREFIX + subjectId)
                .orElseThrow(() -> UnreadableDataException.keyGone("subject key destroyed or expired"));
        return keyrings.rawAes("subject/" + subjectId, unwrapKeyBytes(item));
    }

    private byte[] unwrapKeyBytes(KeyItem item) {
        String subjectId = item.id().substring(SUBJECT_PREFIX.length());
        Kek kek = kek(item.kekId());
        return envelope.decrypt(kek.keyring(), item.wrapped().asByteArray(), context(item.id(), "subject-key", subjectId));
    }

    private Kek currentKek() {
        Kek kek = current;
        Instant now = clock.instant();
        if (kek != null && kek.createdAt().plus(policy.kekRotation()).isAfter(now)) {
            return kek;
        }
        synchronized (this) {
            kek = current;
            if (kek == null || !kek.createdAt().plus(policy.kekRotation()).isAfter(now)) {
                kek = newKek(now);
                current = kek;
            }
            return kek;
        }
    }

    private Kek newKek(Instant now) {
        String id = KEK_PREFIX + randomId();
        byte[] key = randomKey();
        long expiresAt = now.plus(policy.kekLifetime()).getEpochSecond();
        // The one KMS call (GenerateDataKey) this container makes for wrapping, per rotation period.
        byte[] wrapped = envelope.encrypt(root.get(), key, context(id, "key-encryption", "-"));
        try {
            store.create(new KeyItem(id, KeyItem.KEK, SdkBytes.fromByteArray(wrapped), null, now, expiresAt));
        } catch (ConcurrentUpdateException e) {
            throw new IllegalStateException("random key id collided", e);
        }
        Kek kek = new Kek(id, keyrings.rawAes(id, key), now, expiresAt);
        keks.put(id, kek);
        log.info("new key-encryption key in use");
        return kek;
    }

    private Kek kek(String id) {
        if (id == null) {
            throw new UnreadableDataException("subject key names no key-encryption key");
        }
        return keks.computeIfAbsent(id, this::loadKek);
    }

    private Kek loadKek(String id) {
        KeyItem item = store.find(id).orElseThrow(() -> new UnreadableDataException("key-encryption key missing"));
        // One KMS Decrypt per foreign KEK, then cached for the container's life.
        byte[] key = envelope.decrypt(root.get(), item.wrapped().asByteArray(), context(id, "key-encryption", "-"));
        return new Kek(id, keyrings.rawAes(id, key), item.createdAt(), item.expiresAt());
    }

    private static Map<String, String> context(String recordId, String purpose, String subjectId) {
        return new EncryptionContext(TABLE, recordId, purpose, subjectId).asMap();
    }

    private byte[] randomKey() {
        byte[] key = new byte[LocalKeyFile.KEY_BYTES];
        random.nextBytes(key);
        return key;
    }

    private String randomId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }
}
