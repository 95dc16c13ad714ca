package io.leadline.crypto;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import software.amazon.awssdk.core.SdkBytes;

/**
 * Encrypts a record's personal data under its subject's key, bound to the record by the
 * encryption context. One message per record and purpose: the SDK adds ~270 bytes per message, so
 * fields are encrypted together, not one by one.
 */
@Singleton
public final class PersonalDataCipher {

    private final SubjectKeys subjectKeys;
    private final EnvelopeEncryption envelope;

    @Inject
    public PersonalDataCipher(SubjectKeys subjectKeys, EnvelopeEncryption envelope) {
        this.subjectKeys = subjectKeys;
        this.envelope = envelope;
    }

    public SdkBytes seal(EncryptionContext context, byte[] plaintext) {
        return SdkBytes.fromByteArray(envelope.encrypt(subjectKeys.keyring(context.subjectId()), plaintext, context.asMap()));
    }

    public byte[] open(EncryptionContext context, SdkBytes ciphertext) {
        return envelope.decrypt(subjectKeys.keyring(context.subjectId()), ciphertext.asByteArray(), context.asMap());
    }
}
