package io.leadline.leadsapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadline.http.ApiException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Opaque page cursors: where DynamoDB should resume, as URL-safe base64 JSON. They hold record ids and
 * times only; a cursor that was tampered with is refused (400), never trusted blindly.
 */
@Singleton
final class Cursors {

    private static final Set<String> KEYS = Set.of("id", "sk", "createdAt", "kind", "ownerKey");
    static final int MAX_LENGTH = 1_000;

    private final ObjectMapper json;

    @Inject
    Cursors(ObjectMapper json) {
        this.json = json;
    }

    String encode(Map<String, AttributeValue> key) {
        ObjectNode node = json.createObjectNode();
        key.forEach((k, v) -> node.put(k, v.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    Map<String, AttributeValue> decode(String cursor) {
        if (cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        try {
            JsonNode node = json.readTree(Base64.getUrlDecoder().decode(cursor));
            Map<String, AttributeValue> key = new HashMap<>();
            var fields = node.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                if (!KEYS.contains(f.getKey()) || !f.getValue().isTextual() || f.getValue().asText().isEmpty()
                        || f.getValue().asText().length() > 100) {
                    throw invalid();
                }
                key.put(f.getKey(), AttributeValue.fromS(f.getValue().asText()));
            }
            if (!key.containsKey("id") || !key.containsKey("sk") || !key.containsKey("createdAt")) {
                throw invalid();
            }
            return key;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.badRequest("invalid_cursor", "the cursor is not one this API handed out");
    }
}
