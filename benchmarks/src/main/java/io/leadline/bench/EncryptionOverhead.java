package io.leadline.bench;

import io.leadline.crypto.EncryptionContext;
import io.leadline.crypto.EnvelopeEncryption;
import io.leadline.crypto.Keyrings;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Bytes that encryption adds per captured lead: the lead's personal-data message, the transcript
 * messages of the three answers typed after consent, and the wrapped subject key.
 * Run: java -cp benchmarks/target/benchmarks.jar io.leadline.bench.EncryptionOverhead
 */
public final class EncryptionOverhead {

    private EncryptionOverhead() {
    }

    public static void main(String[] args) {
        EnvelopeEncryption envelope = new EnvelopeEncryption();
        Keyrings keyrings = new Keyrings();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        var subject = keyrings.rawAes("subject/s-0123456789abcdefghij", key);
        var kek = keyrings.rawAes("kek#0123456789abcdef0123456789abcdef", key);

        byte[] lead = EncryptionBenchmark.LEAD.toJson();
        int leadCipher = envelope.encrypt(subject, lead,
                new EncryptionContext("leads", "0123456789abcdefghijkl", "contact", "s-0123456789abcdefghij").asMap()).length;
        int transcriptPlain = 0;
        int transcriptCipher = 0;
        for (String typed : new String[]{"Nguyễn Thị Minh Khai", "minh.khai@example.vn", "0912 345 678"}) {
            byte[] p = typed.getBytes(StandardCharsets.UTF_8);
            transcriptPlain += p.length;
            transcriptCipher += envelope.encrypt(subject, p, new EncryptionContext("conversations",
                    "0123456789abcdefghijkl#000004", "contact", "s-0123456789abcdefghij").asMap()).length;
        }
        int wrappedKey = envelope.encrypt(kek, key, new EncryptionContext("keys", "subject#s-0123456789abcdefghij",
                "subject-key", "s-0123456789abcdefghij").asMap()).length;

        System.out.printf("lead personal data: %d bytes plaintext, %d bytes ciphertext, overhead %d bytes%n",
                lead.length, leadCipher, leadCipher - lead.length);
        System.out.printf("transcript (3 answers): %d bytes plaintext, %d ciphertext, overhead %d bytes%n",
                transcriptPlain, transcriptCipher, transcriptCipher - transcriptPlain);
        System.out.printf("wrapped subject key: %d bytes (for a 32-byte key)%n", wrappedKey);
        System.out.printf("encryption overhead per captured lead: %d bytes%n",
                (leadCipher - lead.length) + (transcriptCipher - transcriptPlain) + wrappedKey);
    }
}
