package io.leadline.local;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every item of every Leadline table as DynamoDB holds it, for "no plaintext anywhere" checks. */
final class RawTables {

    private RawTables() {
    }

    static List<String> tables(LocalProduct product) {
        return product.config().tables().all();
    }

    static List<Map<String, AttributeValue>> items(LocalProduct product, String table) {
        return product.platform().dynamo().scanPaginator(b -> b.tableName(table)).items().stream().toList();
    }

    /** All attribute values of all tables, strings as they are and binaries decoded as UTF-8. */
    static String everything(LocalProduct product) {
        StringBuilder sb = new StringBuilder();
        for (String table : tables(product)) {
            for (var item : items(product, table)) {
                item.forEach((k, v) -> sb.append(table).append('.').append(k).append('=').append(flatten(v)).append('\n'));
            }
        }
        return sb.toString();
    }

    /** Fails naming the first secret found in plaintext. */
    static void assertNowhere(LocalProduct product, String... secrets) {
        String all = everything(product);
        List<String> found = new ArrayList<>();
        for (String s : secrets) {
            if (all.contains(s) || all.toLowerCase().contains(s.toLowerCase())) {
                found.add(s);
            }
        }
        if (!found.isEmpty()) {
            throw new AssertionError("personal data stored in plaintext: " + found);
        }
    }

    private static String flatten(AttributeValue v) {
        if (v.s() != null) {
            return v.s();
        }
        if (v.b() != null) {
            return new String(v.b().asByteArray(), StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder();
        if (v.hasM()) {
            v.m().forEach((k, x) -> sb.append(k).append(':').append(flatten(x)).append(';'));
        }
        if (v.hasL()) {
            v.l().forEach(x -> sb.append(flatten(x)).append(';'));
        }
        if (v.n() != null) {
            sb.append(v.n());
        }
        return sb.toString();
    }
}
