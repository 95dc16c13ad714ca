package io.leadline.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads API Gateway's HTTP API event (payload 2.0) with Jackson's streaming parser into the events
 * library's class, field by field. Binding the class with databind instead costs about 0.1 s of a cold
 * start (bean introspection of a dozen nested classes; BENCHMARKS.md). Reads what the runtime client's
 * own serialisation reads, scalars coerced to text as databind does, unknown fields skipped, with two
 * exceptions no route of ours can receive: the Lambda and IAM authorizers' contexts (the routes use
 * the JWT authorizer only) are skipped.
 */
final class GatewayEventReader {

    private final JsonFactory json;

    GatewayEventReader(JsonFactory json) {
        this.json = json;
    }

    APIGatewayV2HTTPEvent read(InputStream in) throws IOException {
        try (JsonParser p = json.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "an API Gateway event must be a JSON object");
            }
            var event = APIGatewayV2HTTPEvent.builder();
            eachField(p, (field, q) -> {
                switch (field) {
                    case "version" -> event.withVersion(text(q));
                    case "routeKey" -> event.withRouteKey(text(q));
                    case "rawPath" -> event.withRawPath(text(q));
                    case "rawQueryString" -> event.withRawQueryString(text(q));
                    case "cookies" -> event.withCookies(texts(q));
                    case "headers" -> event.withHeaders(textMap(q));
                    case "queryStringParameters" -> event.withQueryStringParameters(textMap(q));
                    case "pathParameters" -> event.withPathParameters(textMap(q));
                    case "stageVariables" -> event.withStageVariables(textMap(q));
                    case "body" -> event.withBody(text(q));
                    case "isBase64Encoded" -> event.withIsBase64Encoded(bool(q));
                    case "requestContext" -> event.withRequestContext(context(q));
                    default -> q.skipChildren();
                }
            });
            return event.build();
        }
    }

    private static RequestContext context(JsonParser p) throws IOException {
        var ctx = RequestContext.builder();
        return eachField(p, (field, q) -> {
            switch (field) {
                case "routeKey" -> ctx.withRouteKey(text(q));
                case "accountId" -> ctx.withAccountId(text(q));
                case "stage" -> ctx.withStage(text(q));
                case "apiId" -> ctx.withApiId(text(q));
                case "domainName" -> ctx.withDomainName(text(q));
                case "domainPrefix" -> ctx.withDomainPrefix(text(q));
                case "time" -> ctx.withTime(text(q));
                case "timeEpoch" -> ctx.withTimeEpoch(number(q));
                case "requestId" -> ctx.withRequestId(text(q));
                case "http" -> ctx.withHttp(http(q));
                case "authorizer" -> ctx.withAuthorizer(authorizer(q));
                default -> q.skipChildren();
            }
        }) ? ctx.build() : null;
    }

    private static RequestContext.Http http(JsonParser p) throws IOException {
        var http = RequestContext.Http.builder();
        return eachField(p, (field, q) -> {
            switch (field) {
                case "method" -> http.withMethod(text(q));
                case "path" -> http.withPath(text(q));
                case "protocol" -> http.withProtocol(text(q));
                case "sourceIp" -> http.withSourceIp(text(q));
                case "userAgent" -> http.withUserAgent(text(q));
                default -> q.skipChildren();
            }
        }) ? http.build() : null;
    }

    private static RequestContext.Authorizer authorizer(JsonParser p) throws IOException {
        var authorizer = RequestContext.Authorizer.builder();
        return eachField(p, (field, q) -> {
            if (field.equals("jwt")) {
                authorizer.withJwt(jwt(q));
            } else {
                q.skipChildren();
            }
        }) ? authorizer.build() : null;
    }

    private static RequestContext.Authorizer.JWT jwt(JsonParser p) throws IOException {
        var jwt = RequestContext.Authorizer.JWT.builder();
        return eachField(p, (field, q) -> {
            switch (field) {
                case "claims" -> jwt.withClaims(textMap(q));
                case "scopes" -> jwt.withScopes(texts(q));
                default -> q.skipChildren();
            }
        }) ? jwt.build() : null;
    }

    /** One field's value, the parser on its first token. */
    private interface FieldReader {
        void read(String field, JsonParser p) throws IOException;
    }

    /** Hands each field of the object at hand to the reader; false if the value is null instead. */
    private static boolean eachField(JsonParser p, FieldReader reader) throws IOException {
        if (!startObject(p)) {
            return false;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            reader.read(field, p);
        }
        return true;
    }

    /** True at an object's start, false at null; anything else is not the event's shape. */
    private static boolean startObject(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> true;
            case VALUE_NULL -> false;
            default -> throw new JsonParseException(p, "expected an object for '" + p.currentName() + "'");
        };
    }

    private static String text(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!t.isScalarValue()) {
            throw new JsonParseException(p, "expected text for '" + p.currentName() + "'");
        }
        return p.getText();
    }

    private static boolean bool(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE, VALUE_NULL -> false;
            case VALUE_STRING -> switch (p.getText()) {
                case "true" -> true;
                case "false", "" -> false;
                default -> throw new JsonParseException(p, "expected true or false for '" + p.currentName() + "'");
            };
            default -> throw new JsonParseException(p, "expected true or false for '" + p.currentName() + "'");
        };
    }

    private static long number(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NULL -> 0L;
            case VALUE_STRING -> {
                try {
                    yield Long.parseLong(p.getText().trim());
                } catch (NumberFormatException e) {
                    throw new JsonParseException(p, "expected a number for '" + p.currentName() + "'");
                }
            }
            default -> throw new JsonParseException(p, "expected a number for '" + p.currentName() + "'");
        };
    }

    private static List<String> texts(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken().isScalarValue()) {
            // the runtime client's mapper accepts one value for a list, too
            List<String> one = new ArrayList<>();
            one.add(text(p));
            return one;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new JsonParseException(p, "expected a list for '" + p.currentName() + "'");
        }
        List<String> values = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            values.add(text(p));
        }
        return values;
    }

    private static Map<String, String> textMap(JsonParser p) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        return eachField(p, (key, q) -> values.put(key, text(q))) ? values : null;
    }
}
