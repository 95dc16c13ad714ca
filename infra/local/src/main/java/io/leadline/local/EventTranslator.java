package io.leadline.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.sun.net.httpserver.HttpExchange;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Turns an HTTP request into the event API Gateway's HTTP API (payload format 2.0) hands a
 * function: lower-case headers joined with commas, cookies apart, query parameters, path
 * parameters, a request context with a request id, and the body base64-encoded unless textual.
 */
final class EventTranslator {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    APIGatewayV2HTTPEvent toEvent(HttpExchange exchange, FunctionRoute route, Map<String, String> pathParameters,
                                  byte[] body) {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                for (String v : values) {
                    for (String c : v.split(";")) {
                        if (!c.isBlank()) {
                            cookies.add(c.strip());
                        }
                    }
                }
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        String contentType = headers.getOrDefault("content-type", "");
        boolean textual = body.length == 0 || isTextual(contentType);
        Instant now = Instant.now();
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.route().routeKey())
                .withRawPath(path)
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(queryParameters(rawQuery))
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withBody(body.length == 0 ? null : textual ? new String(body, StandardCharsets.UTF_8)
                        : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(!textual)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId("local")
                        .withApiId("local")
                        .withDomainName(headers.getOrDefault("host", "localhost"))
                        .withDomainPrefix("localhost")
                        .withRequestId(UUID.randomUUID().toString())
                        .withRouteKey(route.route().routeKey())
                        .withStage("$default")
                        .withTime(REQUEST_TIME.format(now))
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .withProtocol(exchange.getProtocol())
                                .withSourceIp(sourceIp)
                                .withUserAgent(headers.getOrDefault("user-agent", ""))
                                .build())
                        .build())
                .build();
    }

    private static boolean isTextual(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/") || t.contains("json") || t.contains("xml") || t.contains("x-www-form-urlencoded");
    }

    /** API Gateway joins repeated query parameters with commas. */
    private static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.merge(name, value, (a, b) -> a + "," + b);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
