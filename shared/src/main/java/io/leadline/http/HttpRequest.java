package io.leadline.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Read access to an API Gateway HTTP API (payload 2.0) event. Header names are case-insensitive. */
public final class HttpRequest {

    private final APIGatewayV2HTTPEvent event;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public HttpRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
        if (event.getHeaders() != null) {
            headers.putAll(event.getHeaders());
        }
    }

    public String routeKey() {
        return event.getRouteKey() == null ? "" : event.getRouteKey();
    }

    public String method() {
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        return http == null || http.getMethod() == null ? "" : http.getMethod().toUpperCase(Locale.ROOT);
    }

    public Optional<String> pathParameter(String name) {
        Map<String, String> params = event.getPathParameters();
        return params == null ? Optional.empty() : Optional.ofNullable(params.get(name));
    }

    public Optional<String> queryParameter(String name) {
        Map<String, String> params = event.getQueryStringParameters();
        return params == null ? Optional.empty() : Optional.ofNullable(params.get(name));
    }

    public Map<String, String> queryParameters() {
        return event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public String requestId() {
        var ctx = event.getRequestContext();
        return ctx == null || ctx.getRequestId() == null ? "-" : ctx.getRequestId();
    }

    public String sourceIp() {
        var ctx = event.getRequestContext();
        return ctx == null || ctx.getHttp() == null || ctx.getHttp().getSourceIp() == null ? "-" : ctx.getHttp().getSourceIp();
    }

    /** JWT claims the authorizer verified (empty for public routes). */
    public Map<String, String> claims() {
        var ctx = event.getRequestContext();
        if (ctx == null || ctx.getAuthorizer() == null || ctx.getAuthorizer().getJwt() == null
                || ctx.getAuthorizer().getJwt().getClaims() == null) {
            return Map.of();
        }
        return ctx.getAuthorizer().getJwt().getClaims();
    }

    /** The raw body bytes, decoded if API Gateway base64-encoded them. */
    public byte[] body() {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (event.getIsBase64Encoded()) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_body", "body is not valid base64");
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
