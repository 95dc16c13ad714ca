package io.leadline.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadline.http.HttpRoute;
import io.leadline.testing.Hostile;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a fuzz request's answer must be. Bad input gets a documented 4xx in the API's error format; any
 * 5xx, an answer that is not JSON, a status or body the document does not describe, a stack trace or
 * exception name, an error that repeats the request's personal data or other values it was sent, a
 * success for a request with a refused token, or a success for a body or parameter the document
 * refuses, is a failure. The gateway's own answers are as API Gateway gives them: 404 for a path no
 * route matches, 401 from the console API's JWT authorizer, 429 from the chat API's throttling (when on),
 * 413 for a body over its 10 MB.
 */
final class FuzzVerdict {

    static final String NOT_FOUND = "{\"message\":\"Not Found\"}";
    static final String UNAUTHORIZED = "{\"message\":\"Unauthorized\"}";
    static final String TOO_LARGE = "{\"message\":\"Request Entity Too Large\"}";
    static final String TOO_MANY = "{\"message\":\"Too Many Requests\"}";
    /** What the JDK's HTTP server answers, on its own, to a request line whose target is not a URI. */
    static final String NOT_A_URI = "<h1>400 Bad Request</h1>URISyntaxException thrown";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenApiSpec spec;
    private final String documentText;
    private final boolean chatRateLimits;
    private final List<HttpRoute> routes;

    FuzzVerdict(OpenApiSpec spec, String documentText, boolean chatRateLimits) {
        this.spec = spec;
        this.documentText = documentText;
        this.chatRateLimits = chatRateLimits;
        List<HttpRoute> r = new ArrayList<>(spec.routes());
        // Literal segments win over parameters, as in API Gateway and the local gateway.
        r.sort(Comparator.comparingLong((HttpRoute x) -> x.path().chars().filter(c -> c == '{').count()).thenComparing(HttpRoute::routeKey));
        this.routes = List.copyOf(r);
    }

    /** The route the gateway sends this request to, with its decoded path parameters. */
    Optional<Map.Entry<HttpRoute, Map<String, String>>> route(String method, String rawPath) {
        for (HttpRoute r : routes) {
            Optional<Map<String, String>> params = r.match(method, rawPath);
            if (params.isPresent()) {
                return Optional.of(Map.entry(r, params.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a request that got no answer at all (the connection closed under it) was one the server may
     * refuse that way: a request line that is not a URI (the JDK's HTTP server refuses it before reading
     * the body, then closes), or a body over API Gateway's 10 MB (the gateway stops reading at the limit).
     */
    boolean mayCloseUnanswered(OpenApiFuzzer.Request rq) {
        return !isUri(rq.target()) || rq.body() != null && rq.body().length > LocalGateway.MAX_BODY_BYTES;
    }

    /**
     * The failures of this answer; empty when it is as it must be. {@code notes} hears of answers that
     * are fine but worth counting apart.
     */
    List<String> check(OpenApiFuzzer.Request rq, RawHttp.Response r, Consumer<String> notes) {
        List<String> problems = new ArrayList<>();
        String rawPath = rq.target().contains("?") ? rq.target().substring(0, rq.target().indexOf('?')) : rq.target();
        int status = r.status();
        String body = r.body();
        if (!isUri(rq.target())) {
            // A request line that is not a URI ("%zz"): the JDK's HTTP server under the local gateway refuses it
            // itself, before any handler, with this fixed answer (in AWS the edge refuses it before the function).
            if (status != 400 || !NOT_A_URI.equals(body)) {
                problems.add("not-a-uri: a request line that is not a URI answered " + status + " " + Hostile.abbreviate(body));
            }
            notes.accept("request line not a URI: refused by the HTTP server (400)");
            return problems;
        }
        if (status == 413 && TOO_LARGE.equals(body) && rq.body() != null && rq.body().length > LocalGateway.MAX_BODY_BYTES) {
            notes.accept("body over 10 MB: refused by the gateway (413)");
            return problems;
        }
        if (status == 429 && chatRateLimits && rawPath.startsWith("/chat/") && TOO_MANY.equals(body)) {
            if (!"1".equals(r.header("retry-after"))) {
                problems.add("throttled: 429 without Retry-After: 1");
            }
            notes.accept("chat request throttled by the gateway (429)");
            return problems;
        }
        var routed = route(rq.method(), rawPath);
        if (routed.isEmpty()) {
            if (status != 404 || !NOT_FOUND.equals(body)) {
                problems.add("unrouted: a path no route matches answered " + status + " " + Hostile.abbreviate(body));
            }
            return problems;
        }
        HttpRoute route = routed.get().getKey();
        boolean gatewayRefusal = status == 401 && UNAUTHORIZED.equals(body) && spec.security(route).filter("cognitoJwt"::equals).isPresent();
        if (status >= 500) {
            problems.add("5xx: " + status + " " + Hostile.abbreviate(body));
        }
        problems.addAll(spec.checkResponse(route, status, body).stream().map(p -> "contract: " + p).toList());
        if (!gatewayRefusal) {
            try {
                Hostile.assertSafeAnswer(lambdaResponse(r), route.routeKey());
            } catch (AssertionError unsafe) {
                problems.add("answer: " + unsafe.getMessage());
            }
        }
        if (status >= 400) {
            echoes(rq, body).forEach(problems::add);
        } else if (status < 300) {
            if (rq.badAuth()) {
                problems.add("auth: answered " + status + " to a request whose token must be refused");
            }
            problems.addAll(acceptedButDocumentRefuses(rq, route, routed.get().getValue()));
        }
        return problems;
    }

    /** An error must not repeat the fuzz people's values, nor longer values of the request (the document's own words aside). */
    private List<String> echoes(OpenApiFuzzer.Request rq, String body) {
        String text;
        try {
            JsonNode error = JSON.readTree(body);
            text = error == null ? body : error.path("error").path("message").asText("") + " " + error.path("message").asText("");
        } catch (Exception notJson) {
            text = body;
        }
        List<String> out = new ArrayList<>();
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (String p : rq.personal()) {
            if (lower.contains(p.toLowerCase(java.util.Locale.ROOT))) {
                out.add("echo: the error repeats personal data the request carried: " + Hostile.describe(text));
            }
        }
        for (String v : rq.echoable()) {
            if (text.contains(v.strip()) && !documentText.contains(v.strip())) {
                out.add("echo: the error repeats a value the request carried (" + Hostile.describe(v) + "): " + Hostile.describe(text));
            }
        }
        return out;
    }

    /** What the code accepts, the document must accept too: the body and the parameters. */
    private List<String> acceptedButDocumentRefuses(OpenApiFuzzer.Request rq, HttpRoute route, Map<String, String> pathParameters) {
        List<String> out = new ArrayList<>();
        if (!spec.requestSchema(route).isMissingNode()) {
            String text = rq.bodyText();
            // A byte order mark before JSON may be ignored (RFC 8259 §8.1), and the parser does.
            String body = text != null && text.startsWith("\uFEFF") ? text.substring(1) : text;
            if ((body == null || body.isEmpty()) && spec.requestBodyRequired(route)) {
                out.add("accepted: a success without the body the document requires");
            } else if (body != null && !body.isEmpty()) {
                spec.checkRequest(route, body).forEach(p -> out.add("accepted: " + p));
            }
        }
        Map<String, String> query = query(rq.target());
        for (JsonNode p : spec.parameters(route)) {
            String name = p.path("name").asText();
            String value = "path".equals(p.path("in").asText()) ? pathParameters.get(name) : query.get(name);
            if (value != null) {
                spec.checkParameter(route, p, value).forEach(problem -> out.add("accepted: " + problem));
            }
        }
        return out;
    }

    /** The query as the gateway hands it on: decoded, repeated names joined with commas. */
    static Map<String, String> query(String target) {
        Map<String, String> out = new LinkedHashMap<>();
        int q = target.indexOf('?');
        if (q < 0) {
            return out;
        }
        for (String pair : target.substring(q + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.merge(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)), (a, b) -> a + "," + b);
        }
        return out;
    }

    static boolean isUri(String target) {
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static APIGatewayV2HTTPResponse lambdaResponse(RawHttp.Response r) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(r.status()).withHeaders(r.headers())
                .withBody(r.body()).build();
    }
}
