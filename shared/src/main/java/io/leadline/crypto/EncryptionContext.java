package io.leadline.crypto;

import java.util.Map;
import java.util.Objects;

/**
 * Binds a ciphertext to the record it belongs to. The Encryption SDK authenticates it and stores it
 * in plaintext in the message header, so it holds identifiers only, never personal data. A
 * ciphertext copied to another record, table, purpose or subject fails to decrypt.
 *
 * @param table     logical table name ("leads", "conversations", ...), stable across stages
 * @param recordId  the record's id (and sort key where it has one)
 * @param purpose   what the data is for: a consent purpose such as "contact", or a key role
 * @param subjectId the pseudonymous data subject whose key encrypts it
 */
public record EncryptionContext(String table, String recordId, String purpose, String subjectId) {

    public EncryptionContext {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(subjectId, "subjectId");
    }

    public Map<String, String> asMap() {
        return Map.of("leadline:table", table, "leadline:record", recordId,
                "leadline:purpose", purpose, "leadline:subject", subjectId);
    }
}
