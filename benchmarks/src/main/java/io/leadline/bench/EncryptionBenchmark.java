package io.leadline.bench;

import io.leadline.crypto.EncryptionContext;
import io.leadline.crypto.EnvelopeEncryption;
import io.leadline.crypto.Keyrings;
import io.leadline.privacy.PersonalFields;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import software.amazon.cryptography.materialproviders.IKeyring;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Encrypting and decrypting one lead's personal data as production does: one Encryption SDK message
 * (committing, non-signing suite) under the subject's raw AES keyring, bound by its encryption context.
 * KMS is not in this path: it wraps key-encryption keys once per container (see BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EncryptionBenchmark {

    /** What a captured lead's "contact" purpose holds. */
    static final PersonalFields LEAD = PersonalFields.of(Map.of(
            "name", "Nguyễn Thị Minh Khai", "email", "minh.khai@example.vn", "phone", "+84912345678"));

    private final EnvelopeEncryption envelope = new EnvelopeEncryption();
    private IKeyring subjectKeyring;
    private Map<String, String> context;
    private byte[] plaintext;
    private byte[] ciphertext;

    @Setup
    public void setUp() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        subjectKeyring = new Keyrings().rawAes("subject/bench", key);
        context = new EncryptionContext("leads", "lead-0123456789abcdefghij", "contact", "subject-0123456789abcdef").asMap();
        plaintext = LEAD.toJson();
        ciphertext = envelope.encrypt(subjectKeyring, plaintext, context);
    }

    @Benchmark
    public byte[] encryptLead() {
        return envelope.encrypt(subjectKeyring, plaintext, context);
    }

    @Benchmark
    public byte[] decryptLead() {
        return envelope.decrypt(subjectKeyring, ciphertext, context);
    }
}
