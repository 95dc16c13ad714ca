package io.leadline.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** "No plaintext anywhere": every attribute of every item of the tables, strings and bytes, nested maps and lists. */
public final class StoredPlaintext {

    private StoredPlaintext() {
    }

    /** Fails naming the table and attribute that holds one of the secrets (as typed, or lower-cased). */
    public static void assertNowhere(DynamoDbClient dynamo, Collection<String> tables, String... secrets) {
        for (String table : tables) {
            for (var item : dynamo.scanPaginator(b -> b.tableName(table)).items()) {
                for (var attr : item.entrySet()) {
                    String flat = flatten(attr.getValue());
                    for (String secret : secrets) {
                        assertFalse(flat.contains(secret), table + "." + attr.getKey() + " holds personal data in plaintext");
                        assertFalse(flat.contains(secret.toLowerCase()), table + "." + attr.getKey() + " holds personal data");
                    }
                }
            }
        }
    }

    private static String flatten(AttributeValue v) {
        if (v.s() != null) {
            return v.s();
        }
        if (v.b() != null) {
            return new String(v.b().asByteArray(), StandardCharsets.UTF_8) + new String(v.b().asByteArray(), StandardCharsets.ISO_8859_1);
        }
        StringBuilder sb = new StringBuilder();
        if (v.hasM()) {
            v.m().forEach((k, x) -> sb.append(k).append('=').append(flatten(x)).append(';'));
        }
        if (v.hasL()) {
            v.l().forEach(x -> sb.append(flatten(x)).append(';'));
        }
        if (v.hasSs()) {
            sb.append(v.ss());
        }
        if (v.n() != null) {
            sb.append(v.n());
        }
        return sb.toString();
    }
}
