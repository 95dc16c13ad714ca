package io.leadline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.DisallowUnknownKeywordFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.leadline.http.HttpRoute;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * infra/openapi.yaml, read as a test reads a contract: its operations, and whether a real request or
 * response fits the schema the document promises (JSON Schema 2020-12, as OpenAPI 3.1 uses it).
 */
final class OpenApiSpec {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private final JsonNode document;
    /** JSON Schema 2020-12 that refuses keywords it does not know: a typo in the document is an error, not a no-op. */
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                    .keyword(new NonValidationKeyword("components"))
                    .unknownKeywordFactory(DisallowUnknownKeywordFactory.getInstance())
                    .build()));
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    /** Compiled schemas by their text: a fuzz run checks the same few hundred thousand times, from many threads. */
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    private OpenApiSpec(JsonNode document) {
        this.document = document;
    }

    static OpenApiSpec load(Path file) {
        try {
            return new OpenApiSpec(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** Every operation the document declares, as routes. */
    Set<HttpRoute> routes() {
        Set<HttpRoute> out = new java.util.HashSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                out.add(new HttpRoute(method.toUpperCase(Locale.ROOT), path.getKey()));
            }
        }));
        return out;
    }

    /** Compiles every schema the document names; returns what is wrong with them. */
    List<String> checkSchemas() {
        List<String> problems = new ArrayList<>();
        document.path("components").path("schemas").fields().forEachRemaining(e -> {
            try {
                ObjectNode root = e.getValue().deepCopy();
                root.set("components", document.path("components"));
                schemas.getSchema(root, config).initializeValidators();
            } catch (RuntimeException invalid) {
                problems.add(e.getKey() + ": " + invalid.getMessage());
            }
        });
        return problems;
    }

    /** The declared route a concrete request path belongs to (the most literal match wins, as in API Gateway). */
    Optional<HttpRoute> match(String method, String rawPath) {
        return routes().stream()
                .filter(r -> r.method().equals(method))
                .filter(r -> Pattern.compile("^" + r.path().replaceAll("\\{[^/]+}", "[^/]+") + "$").matcher(rawPath).matches())
                .min(java.util.Comparator.comparingInt(r -> r.path().split("\\{").length));
    }

    Set<String> documentedStatuses(HttpRoute route) {
        Set<String> out = new TreeSet<>();
        operation(route).path("responses").fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** What is wrong with this response for this operation; empty when it is as documented. */
    List<String> checkResponse(HttpRoute route, int status, String body) {
        JsonNode responses = operation(route).path("responses");
        JsonNode response = resolve(responses.path(Integer.toString(status)));
        if (response.isMissingNode()) {
            return List.of(route.routeKey() + " answered " + status + ", which the document does not list (it lists "
                    + documentedStatuses(route) + ")");
        }
        JsonNode schema = response.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            return body == null || body.isEmpty() ? List.of()
                    : List.of(route.routeKey() + " " + status + " has a body the document does not describe");
        }
        return validate(route.routeKey() + " " + status, schema, body);
    }

    /** What is wrong with this request body for this operation. */
    List<String> checkRequest(HttpRoute route, String body) {
        JsonNode schema = requestSchema(route);
        return schema.isMissingNode() ? List.of() : validate(route.routeKey() + " request", schema, body);
    }

    /** The schema of the operation's JSON request body, $ref followed; a missing node when it takes none. */
    JsonNode requestSchema(HttpRoute route) {
        return schema(resolve(operation(route).path("requestBody")).path("content").path("application/json").path("schema"));
    }

    boolean requestBodyRequired(HttpRoute route) {
        return resolve(operation(route).path("requestBody")).path("required").asBoolean(false);
    }

    String operationId(HttpRoute route) {
        return operation(route).path("operationId").asText(route.routeKey());
    }

    /** The security scheme the operation requires (conversationToken, cognitoJwt), or empty for a public one. */
    Optional<String> security(HttpRoute route) {
        JsonNode requirements = operation(route).path("security");
        return requirements.isArray() && !requirements.isEmpty()
                ? Optional.of(requirements.get(0).fieldNames().next()) : Optional.empty();
    }

    /** The operation's parameters (its path's and its own), $refs followed. */
    List<JsonNode> parameters(HttpRoute route) {
        List<JsonNode> out = new ArrayList<>();
        document.path("paths").path(route.path()).path("parameters").forEach(p -> out.add(resolve(p)));
        operation(route).path("parameters").forEach(p -> out.add(resolve(p)));
        return out;
    }

    /** A schema with its $ref followed (as often as it takes). */
    JsonNode schema(JsonNode node) {
        JsonNode s = node;
        while (s.path("$ref").isTextual()) {
            s = resolve(s);
        }
        return s;
    }

    /**
     * What is wrong with one path or query parameter's value (as text, the way it travels): a number
     * where the schema wants an integer, and the schema's own rules.
     */
    List<String> checkParameter(HttpRoute route, JsonNode parameter, String value) {
        JsonNode schema = schema(parameter.path("schema"));
        String what = route.routeKey() + " " + parameter.path("in").asText() + " parameter " + parameter.path("name").asText();
        JsonNode instance;
        if ("integer".equals(schema.path("type").asText())) {
            if (!value.matches("-?\\d+")) {
                return List.of(what + ": not an integer");
            }
            instance = new ObjectMapper().getNodeFactory().numberNode(new java.math.BigInteger(value));
        } else {
            instance = new ObjectMapper().getNodeFactory().textNode(value);
        }
        return validate(what, schema, instance);
    }

    private List<String> validate(String what, JsonNode schema, String body) {
        try {
            JsonNode instance = new ObjectMapper().readTree(body == null ? "" : body);
            if (instance == null || instance.isMissingNode()) {
                return List.of(what + ": empty body where JSON is documented");
            }
            return validate(what, schema, instance);
        } catch (IOException e) {
            return List.of(what + ": not JSON");
        }
    }

    private List<String> validate(String what, JsonNode schema, JsonNode instance) {
        JsonSchema compiledSchema = compiled.computeIfAbsent(schema.toString(), text -> {
            // The schema's $refs point into #/components: validate with the components alongside.
            ObjectNode root = schema.deepCopy();
            root.set("components", document.path("components"));
            JsonSchema s = schemas.getSchema(root, config);
            s.initializeValidators();
            return s;
        });
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : compiledSchema.validate(instance)) {
            problems.add(what + ": " + m.getMessage());
        }
        return problems;
    }

    private JsonNode operation(HttpRoute route) {
        JsonNode op = document.path("paths").path(route.path()).path(route.method().toLowerCase(Locale.ROOT));
        if (op.isMissingNode()) {
            throw new AssertionError("the document has no " + route.routeKey());
        }
        return op;
    }

    /** Follows a local $ref (#/components/responses/X) to what it names. */
    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        return ref.isTextual() ? document.at(ref.asText().substring(1)) : node;
    }
}
