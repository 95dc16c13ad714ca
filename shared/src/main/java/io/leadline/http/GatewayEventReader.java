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
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "version" -> event.withVersion(text(p));
                    case "routeKey" -> event.withRouteKey(text(p));
                    case "rawPath" -> event.withRawPath(text(p));
                    case "rawQueryString" -> event.withRawQueryString(text(p));
                    case "cookies" -> event.withCookies(texts(p));
                    case "headers" -> event.withHeaders(textMap(p));
                    case "queryStringParameters" -> event.withQueryStringParameters(textMap(p));
                    case "pathParameters" -> event.withPathParameters(textMap(p));
                    case "stageVariables" -> event.withStageVariables(textMap(p));
                    case "body" -> event.withBody(text(p));
                    case "isBase64Encoded" -> event.withIsBase64Encoded(bool(p));
                    case "requestContext" -> event.withRequestContext(context(p));
                    default -> p.skipChildren();
                }
            }
            return event.build();
        }
    }

    private static RequestContext context(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        var ctx = RequestContext.builder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "routeKey" -> ctx.withRouteKey(text(p));
                case "accountId" -> ctx.withAccountId(text(p));
                case "stage" -> ctx.withStage(text(p));
                case "apiId" -> ctx.withApiId(text(p));
                case "domainName" -> ctx.withDomainName(text(p));
                case "domainPrefix" -> ctx.withDomainPrefix(text(p));
                case "time" -> ctx.withTime(text(p));
                case "timeEpoch" -> ctx.withTimeEpoch(number(p));
                case "requestId" -> ctx.withRequestId(text(p));
                case "http" -> ctx.withHttp(http(p));
                case "authorizer" -> ctx.withAuthorizer(authorizer(p));
                default -> p.skipChildren();
            }
        }
        return ctx.build();
    }

    private static RequestContext.Http http(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        var http = RequestContext.Http.builder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "method" -> http.withMethod(text(p));
                case "path" -> http.withPath(text(p));
                case "protocol" -> http.withProtocol(text(p));
                case "sourceIp" -> http.withSourceIp(text(p));
                case "userAgent" -> http.withUserAgent(text(p));
                default -> p.skipChildren();
            }
        }
        return http.build();
    }

    private static RequestContext.Authorizer authorizer(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        var authorizer = RequestContext.Authorizer.builder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("jwt")) {
                authorizer.withJwt(jwt(p));
            } else {
                p.skipChildren();
            }
        }
        return authorizer.build();
    }

    private static RequestContext.Authorizer.JWT jwt(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        var jwt = RequestContext.Authorizer.JWT.builder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "claims" -> jwt.withClaims(textMap(p));
                case "scopes" -> jwt.withScopes(texts(p));
                default -> p.skipChildren();
            }
        }
        return jwt.build();
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
        if (!startObject(p)) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            values.put(key, text(p));
        }
        return values;
    }
}
