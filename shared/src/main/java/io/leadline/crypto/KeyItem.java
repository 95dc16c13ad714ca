package io.leadline.crypto;

import io.leadline.storage.ItemSchema;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

import java.time.Instant;

/**
 * A wrapped key in the keys table: a key-encryption key (wrapped by the root keyring, KMS in AWS)
 * or a data subject's key (wrapped by a key-encryption key). Never plaintext key material.
 */
public record KeyItem(String id, String kind, SdkBytes wrapped, String kekId, Instant createdAt, long expiresAt) {

    public static final String KEK = "kek";
    public static final String SUBJECT = "subject";
    public static final String INDEX = "index";

    static final TableSchema<KeyItem> SCHEMA = ItemSchema.of(KeyItem.class)
            .partitionKey("id", KeyItem::id)
            .string("kind", KeyItem::kind)
            .bytes("wrapped", KeyItem::wrapped)
            .string("kekId", KeyItem::kekId)
            .instant("createdAt", KeyItem::createdAt)
            .expiry(KeyItem::expiresAt)
            .build(v -> new KeyItem(v.string("id"), v.string("kind"), v.bytes("wrapped"), v.string("kekId"),
                    v.instant("createdAt"), v.number("expiresAt")));

    @Override
    public String toString() {
        return "KeyItem[" + id + "]";
    }
}
