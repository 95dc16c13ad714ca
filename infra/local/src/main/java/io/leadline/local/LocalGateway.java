package io.leadline.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local stand-in for API Gateway's HTTP API and the static hosting: routes requests to the
 * same function code as in AWS (as payload 2.0 events), answers CORS preflights, and serves web/.
 */
public final class LocalGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalGateway.class);

    /** API Gateway's own limit on request bodies. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    /** Security headers on every response the gateway itself serves. */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "x-content-type-options", "nosniff",
            "referrer-policy", "no-referrer",
            "x-frame-options", "DENY");
    /**
     * Pages run only their own scripts and styles, no inline script anywhere, and call only this origin
     * and {@code connectTo} (a user pool's endpoint, when the console signs in with a real one).
     */
    static String pageCsp(Set<String> connectTo) {
        String connect = connectTo.stream().sorted().map(o -> " " + o).collect(java.util.stream.Collectors.joining());
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'" + connect
                + "; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
    }

    private final HttpServer server;
    private volatile ChatRateLimits limits;
    private final ExecutorService executor;
    private final List<FunctionRoute> routes;
    private final StaticFiles files;
    private final CorsPolicy cors;
    private final EventTranslator translator = new EventTranslator();

    private final List<LocalEndpoint> endpoints;
    private final String pagePolicy;

    public LocalGateway(InetSocketAddress address, List<FunctionRoute> routes, List<LocalEndpoint> endpoints,
                        java.nio.file.Path webRoot, CorsPolicy cors) throws IOException {
        this(address, routes, endpoints, webRoot, cors, Set.of());
    }

    public LocalGateway(InetSocketAddress address, List<FunctionRoute> routes, List<LocalEndpoint> endpoints,
                        java.nio.file.Path webRoot, CorsPolicy cors, Set<String> pagesConnectTo) throws IOException {
        this.pagePolicy = pageCsp(pagesConnectTo);
        this.routes = routes.stream().sorted(java.util.Comparator.comparingInt(FunctionRoute::specificity)).toList();
        this.endpoints = List.copyOf(endpoints);
        this.files = new StaticFiles(webRoot);
        this.cors = cors;
        this.limits = ChatRateLimits.defaults();
        this.server = HttpServer.create(address, 256);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    /** No chat rate limits (a load run from one address); before {@link #start}. */
    void withoutChatRateLimits() {
        limits = ChatRateLimits.unlimited();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            Optional<String> origin = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Origin"));
            boolean api = isApiPath(path);
            if (api && method.equals("OPTIONS")) {
                preflight(exchange, path, origin);
                return;
            }
            for (LocalEndpoint endpoint : endpoints) {
                if (endpoint.method().equals(method) && endpoint.path().equals(path)) {
                    SECURITY_HEADERS.forEach(exchange.getResponseHeaders()::set);
                    exchange.getResponseHeaders().set("cache-control", "no-store");
                    endpoint.handle(exchange);
                    return;
                }
            }
            if (path.startsWith("/chat/") && !limits.allow(exchange.getRemoteAddress().getAddress().getHostAddress(), method, path)) {
                // What the HTTP API answers when its throttling refuses a request; the widget retries.
                drain(exchange);
                var headers = new java.util.HashMap<>(cors.headers(path, origin));
                headers.put("retry-after", "1");
                send(exchange, 429, "application/json", "{\"message\":\"Too Many Requests\"}".getBytes(StandardCharsets.UTF_8), headers);
                return;
            }
            for (FunctionRoute route : routes) {
                Optional<Map<String, String>> params = route.route().match(method, path);
                if (params.isPresent()) {
                    invoke(exchange, route, params.get(), origin);
                    return;
                }
            }
            if (api) {
                drain(exchange);
                send(exchange, 404, "application/json", "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8),
                        cors.headers(path, origin));
                return;
            }
            serveFile(exchange, method, path);
        } catch (RuntimeException e) {
            log.error("gateway failure", e);
            try {
                // An answer, always: a client left waiting on a closed connection learns nothing.
                send(exchange, 500, "application/json", "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8),
                        Map.of());
            } catch (IOException | RuntimeException alreadyAnswered) {
                log.debug("no answer possible after the failure", alreadyAnswered);
            }
        }
    }

    private boolean isApiPath(String path) {
        return routes.stream().anyMatch(r -> r.route().matchPath(path).isPresent())
                || path.startsWith("/chat/") || path.startsWith("/api/");
    }

    private void invoke(HttpExchange exchange, FunctionRoute route, Map<String, String> params,
                        Optional<String> origin) throws IOException {
        byte[] body = readBody(exchange);
        if (body == null) {
            send(exchange, 413, "application/json", "{\"message\":\"Request Entity Too Large\"}".getBytes(StandardCharsets.UTF_8),
                    cors.headers(exchange.getRequestURI().getRawPath(), origin));
            return;
        }
        APIGatewayV2HTTPEvent event = translator.toEvent(exchange, route, params, body);
        if (route.authorizer().isPresent()) {
            // As the HTTP API's JWT authorizer: no valid token, no call to the function at all.
            var claims = route.authorizer().get().claims(exchange.getRequestHeaders().getFirst("Authorization"));
            if (claims.isEmpty()) {
                send(exchange, 401, "application/json", "{\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8),
                        cors.headers(event.getRawPath(), origin));
                return;
            }
            event.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims.get()).build())
                    .build());
        }
        APIGatewayV2HTTPResponse response;
        try {
            response = route.handler().apply(event);
        } catch (RuntimeException e) {
            // What Lambda and API Gateway answer when a function throws.
            log.error("function {} failed on {}", route.function(), route.route().routeKey(), e);
            send(exchange, 500, "application/json", "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8),
                    cors.headers(event.getRawPath(), origin));
            return;
        }
        var headers = exchange.getResponseHeaders();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(headers::set);
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, v) -> v.forEach(x -> headers.add(k, x)));
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(c -> headers.add("Set-Cookie", c));
        }
        cors.headers(event.getRawPath(), origin).forEach(headers::set);
        SECURITY_HEADERS.forEach(headers::set);
        byte[] out = response.getBody() == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
        if (status == 204 || status == 304 || out.length == 0) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        }
    }

    private void preflight(HttpExchange exchange, String path, Optional<String> origin) throws IOException {
        Map<String, String> headers = cors.preflight(path, origin,
                Optional.ofNullable(exchange.getRequestHeaders().getFirst("Access-Control-Request-Method")));
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(headers.isEmpty() ? 403 : 204, -1);
    }

    private void serveFile(HttpExchange exchange, String method, String path) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            send(exchange, 405, "text/plain; charset=utf-8", "Method Not Allowed".getBytes(StandardCharsets.UTF_8), Map.of());
            return;
        }
        if (path.equals("/")) {
            exchange.getResponseHeaders().set("Location", "/demo/");
            exchange.sendResponseHeaders(302, -1);
            return;
        }
        Optional<StaticFiles.File> file = files.resolve(path);
        if (file.isEmpty()) {
            send(exchange, 404, "text/plain; charset=utf-8", "Not Found".getBytes(StandardCharsets.UTF_8), Map.of());
            return;
        }
        if (Files.isDirectory(files.root().resolve(path.substring(1))) && !path.endsWith("/")) {
            exchange.getResponseHeaders().set("Location", path + "/");
            exchange.sendResponseHeaders(301, -1);
            return;
        }
        byte[] content = Files.readAllBytes(file.get().path());
        var headers = exchange.getResponseHeaders();
        if (file.get().contentType().startsWith("text/html")) {
            headers.set("content-security-policy", pagePolicy);
        }
        // The widget script is loaded by pages of other origins.
        if (path.startsWith("/widget/")) {
            headers.set("access-control-allow-origin", "*");
            headers.set("cross-origin-resource-policy", "cross-origin");
        }
        headers.set("cache-control", "no-cache");
        send(exchange, 200, file.get().contentType(), method.equals("HEAD") ? null : content, Map.of());
    }

    /**
     * Reads and drops the request body (up to API Gateway's limit) before an answer that does not need it:
     * the JDK's server closes a connection with much left unread, and the client, still sending, gets a
     * reset instead of the answer (a throttled widget would take a 429 for being offline).
     */
    private static void drain(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        byte[] buffer = new byte[16 * 1024];
        long left = MAX_BODY_BYTES;
        for (int n = 0; left > 0 && n >= 0; left -= Math.max(n, 0)) {
            n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body,
                             Map<String, String> extra) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("content-type", contentType);
        SECURITY_HEADERS.forEach(headers::set);
        extra.forEach(headers::set);
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
    }

    /** Which origins may call which API paths from a browser; mirrors the HTTP API's CORS settings. */
    public record CorsPolicy(Set<String> chatOrigins, Set<String> apiOrigins) {

        private static final String CHAT_PREFIX = "/chat/";

        Map<String, String> headers(String path, Optional<String> origin) {
            if (origin.isEmpty()) {
                return Map.of();
            }
            Set<String> allowed = path.startsWith(CHAT_PREFIX) ? chatOrigins : apiOrigins;
            if (allowed.contains("*")) {
                return Map.of("access-control-allow-origin", "*", "vary", "Origin");
            }
            if (allowed.contains(origin.get())) {
                return Map.of("access-control-allow-origin", origin.get(), "vary", "Origin");
            }
            return Map.of("vary", "Origin");
        }

        Map<String, String> preflight(String path, Optional<String> origin, Optional<String> method) {
            Map<String, String> base = headers(path, origin);
            if (!base.containsKey("access-control-allow-origin") || method.isEmpty()) {
                return Map.of();
            }
            return Map.of(
                    "access-control-allow-origin", base.get("access-control-allow-origin"),
                    "access-control-allow-methods", "GET, POST, PATCH, DELETE",
                    "access-control-allow-headers", "authorization, content-type",
                    "access-control-max-age", "600",
                    "vary", "Origin");
        }
    }
}
