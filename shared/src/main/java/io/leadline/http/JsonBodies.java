package io.leadline.http;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Optional;

/**
 * Strict JSON request bodies: size-limited before parsing, shallow, no duplicate keys, an object at
 * the top, and typed field reads that answer 400 with the field's name (never its value).
 */
@Singleton
public final class JsonBodies {

    /** Nesting deeper than this is refused while parsing, before any tree is built. */
    public static final int MAX_DEPTH = 16;

    private final ObjectMapper json;

    @Inject
    public JsonBodies(ObjectMapper json) {
        this.json = json;
    }

    /** The mapper every function uses: strict duplicates, bounded depth, lengths and numbers. */
    public static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(1_000_000)
                .maxNumberLength(40)
                .build());
        return mapper;
    }

    public ObjectNode object(HttpRequest request, int maxBytes) {
        request.header("content-type").ifPresent(type -> {
            String t = type.toLowerCase(Locale.ROOT);
            if (!t.startsWith("application/json") && !t.startsWith("text/plain")) {
                // text/plain is what a browser's simple CORS request sends; its body must still be JSON.
                throw ApiException.unsupportedMediaType();
            }
        });
        byte[] body = request.body();
        if (body.length > maxBytes) {
            throw ApiException.payloadTooLarge(maxBytes);
        }
        if (body.length == 0) {
            throw ApiException.badRequest("invalid_body", "a JSON object body is required");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_json", describe(e));
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("invalid_json", "body is not valid JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.badRequest("invalid_body", "body must be a JSON object");
        }
        return object;
    }

    private static String describe(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (m.startsWith("Duplicate field")) {
            return "body has a duplicate field";
        }
        if (m.contains("nesting depth")) {
            return "body is nested deeper than " + MAX_DEPTH + " levels";
        }
        return "body is not valid JSON";
    }

    public static Optional<String> optionalText(ObjectNode body, String field, int maxChars) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' must be a string");
        }
        String value = node.textValue();
        checkText(field, value, maxChars);
        return Optional.of(value);
    }

    public static String requiredText(ObjectNode body, String field, int maxChars) {
        return optionalText(body, field, maxChars)
                .orElseThrow(() -> ApiException.badRequest("missing_field", "'" + field + "' is required"));
    }

    public static Optional<Boolean> optionalBoolean(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' must be true or false");
        }
        return Optional.of(node.booleanValue());
    }

    public static Optional<ObjectNode> optionalObject(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' must be an object");
        }
        return Optional.of(object);
    }

    /**
     * Text the API accepts: within its length in characters (code points), valid Unicode (no lone
     * surrogates), and no control characters other than tab and newline.
     */
    public static void checkText(String field, String value, int maxChars) {
        int count = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            // codePointAt joins a valid pair into one code point; a surrogate left over is a lone one.
            if (Character.getType(cp) == Character.SURROGATE) {
                throw ApiException.badRequest("invalid_text", "'" + field + "' is not valid Unicode text");
            }
            if (Character.isISOControl(cp) && cp != '\n' && cp != '\t' && cp != '\r') {
                throw ApiException.badRequest("invalid_text", "'" + field + "' contains control characters");
            }
            if (++count > maxChars) {
                throw ApiException.badRequest("too_long", "'" + field + "' is longer than " + maxChars + " characters");
            }
            i += Character.charCount(cp);
        }
    }
}
