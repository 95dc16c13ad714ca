package io.leadline.local;

import io.leadline.testing.ExternalTools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local product over real HTTP: gateway, CORS, static files, and data kept across restarts. */
class LocalProductE2ETest {

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private LocalProduct product;

    @AfterEach
    void stop() {
        if (product != null) {
            product.close();
        }
    }

    @Test
    void chatsOverHttpAndKeepsTheConversationAcrossARestart() throws Exception {
        product = start();
        var started = post("/chat/conversations", null, "{\"flowId\":\"website-lead\",\"locale\":\"en\"}", Map.of());
        assertEquals(201, started.statusCode());
        JsonNode body = json.readTree(started.body());
        String id = body.path("conversationId").asText();
        String token = body.path("token").asText();
        var reply = post("/chat/conversations/" + id + "/messages", token, "{\"choice\":\"demo\"}", Map.of());
        assertEquals(200, reply.statusCode());
        assertEquals("consent", json.readTree(reply.body()).path("prompt").path("type").asText());
        assertEquals("no-store", reply.headers().firstValue("cache-control").orElseThrow());

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("local-root.key"))));
        assertTrue(Files.size(data.resolve("dynamodb.db")) > 0);

        product.close();
        product = start();
        var resumed = get("/chat/conversations/" + id, token);
        assertEquals(200, resumed.statusCode());
        assertEquals("consent", json.readTree(resumed.body()).path("prompt").path("type").asText());
        var next = post("/chat/conversations/" + id + "/messages", token,
                "{\"consent\":{\"purpose\":\"contact\",\"granted\":true}}", Map.of());
        assertEquals("name", json.readTree(next.body()).path("prompt").path("type").asText(), "same key after restart");
    }

    @Test
    void aSecondLeadlineOnTheSameDataFolderIsRefusedClearly() throws Exception {
        product = start();
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, this::start);
        assertTrue(refused.getMessage().contains("in use by another running Leadline"), refused.getMessage());
        assertEquals(200, get("/demo/", null).statusCode(), "the first one keeps running");
    }

    @Test
    void answersCorsForTheWidgetOnAnotherOrigin() throws Exception {
        product = start();
        var preflight = http.send(HttpRequest.newBuilder(uri("/chat/conversations"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example.vn")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, preflight.statusCode());
        assertEquals("*", preflight.headers().firstValue("access-control-allow-origin").orElseThrow());
        assertTrue(preflight.headers().firstValue("access-control-allow-headers").orElseThrow().contains("authorization"));
        var post = post("/chat/conversations", null, "{\"flowId\":\"website-lead\",\"locale\":\"vi\"}",
                Map.of("Origin", "https://shop.example.vn"));
        assertEquals("*", post.headers().firstValue("access-control-allow-origin").orElseThrow());
    }

    @Test
    void pagesCarrySecurityHeadersAndTheConsoleApiAnswersNoForeignOrigin() throws Exception {
        product = start();
        var console = get("/console/", null);
        assertEquals(200, console.statusCode());
        String csp = console.headers().firstValue("content-security-policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self';"), csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), "no inline or evaluated script: " + csp);
        assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"), csp);
        assertFalse(console.body().matches("(?s).*<script(?![^>]*\\ssrc=)[^>]*>.*"), "the console page has no inline script");
        assertEquals("nosniff", console.headers().firstValue("x-content-type-options").orElseThrow());
        assertEquals("DENY", console.headers().firstValue("x-frame-options").orElseThrow());
        assertEquals("no-referrer", console.headers().firstValue("referrer-policy").orElseThrow());

        // The console API is for the console's own origin: a foreign page gets no CORS grant, not even "*".
        var preflight = http.send(HttpRequest.newBuilder(uri("/api/me"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(preflight.headers().firstValue("access-control-allow-origin").isEmpty(), preflight.headers().toString());
        var me = get("/api/me", null);
        assertTrue(me.headers().firstValue("access-control-allow-origin").isEmpty());
        assertEquals("nosniff", me.headers().firstValue("x-content-type-options").orElseThrow());
    }

    @Test
    void servesThePublishedWebFoldersAndNothingElse() throws Exception {
        product = start();
        var demo = get("/demo/", null);
        assertEquals(200, demo.statusCode());
        assertTrue(demo.body().contains("<script src=\"/widget/leadline-widget.js\""));
        assertTrue(demo.headers().firstValue("content-security-policy").orElseThrow().contains("script-src 'self'"));
        assertEquals(200, get("/widget/leadline-widget.js", null).statusCode());
        assertEquals(302, http.send(HttpRequest.newBuilder(uri("/")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        for (String path : new String[]{"/package.json", "/tests/harness.mjs", "/node_modules/playwright-core/package.json",
                "/demo/../package.json", "/widget/..%2f..%2fpackage.json", "/.git/config"}) {
            assertEquals(404, get(path, null).statusCode(), path);
        }
        assertEquals(404, get("/chat/nope", null).statusCode());
        // A malformed escape names no conversation: an answer, not a closed connection.
        for (String malformed : new String[]{"/chat/conversations/%zz", "/chat/conversations/abc%"}) {
            assertTrue(rawStatusLine(malformed).matches("HTTP/1\\.1 4\\d\\d .*"), malformed);
        }
    }

    @Test
    void refusesOversizedBodiesAtTheGateway() throws Exception {
        product = start();
        var tooBig = post("/chat/conversations", null, "{\"flowId\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}", Map.of());
        assertEquals(413, tooBig.statusCode());
    }

    /**
     * Found by the OpenAPI fuzz run (OpenApiFuzzE2ETest): to a request with a body of a few hundred kilobytes,
     * the gateway's own answers (404 for a path no route matches, 429 when throttled) came as a reset
     * connection: it answered without reading the body, and the JDK's server then closed the connection.
     */
    @Test
    void aLargeBodyStillGetsTheGatewaysOwnAnswer() throws Exception {
        product = start();
        byte[] body = ("{\"text\":\"" + "x".repeat(600_000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (RawHttp raw = new RawHttp("127.0.0.1", product.port())) {
            List<String[]> json = List.<String[]>of(new String[]{"Content-Type", "application/json"});
            RawHttp.Response unrouted = raw.send("POST", "/api/leads//notes", json, body);
            assertEquals(404, unrouted.status());
            assertEquals("{\"message\":\"Not Found\"}", unrouted.body());
            int throttled = 0;
            for (int i = 0; i < ChatRateLimits.PER_CLIENT.burst() + 5; i++) {
                RawHttp.Response r = raw.send("POST", "/chat/conversations/AAAAAAAAAAAAAAAAAAAAAA/messages", json, body);
                throttled += r.status() == 429 ? 1 : 0;
                assertEquals(4, r.status() / 100, "answered " + r.status());
            }
            assertTrue(throttled > 0, "the burst was used up");
        }
    }

    @Test
    void theRetentionSweepRunsOnItsTimer() throws Exception {
        Path web = ExternalTools.repositoryRoot().resolve("web");
        product = LocalProduct.start(new LocalOptions("127.0.0.1", 0, data, web, Set.of("*"), java.time.Duration.ofMillis(300)));
        String table = product.config().tables().conversations();
        var dynamo = product.platform().dynamo();
        dynamo.putItem(b -> b.tableName(table).item(Map.of(
                "id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("expired-conversation"),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("conversation"),
                "expiresAt", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(
                        Long.toString(java.time.Instant.now().getEpochSecond() - 1)))));
        long deadline = System.currentTimeMillis() + 10_000;
        while (dynamo.scan(b -> b.tableName(table)).count() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, dynamo.scan(b -> b.tableName(table)).count(), "swept without waiting for TTL");
    }

    private LocalProduct start() throws IOException {
        Path web = ExternalTools.repositoryRoot().resolve("web");
        return LocalProduct.start(new LocalOptions("127.0.0.1", 0, data, web, Set.of("*")));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + product.port() + path);
    }

    /** The status line for a request path no URI class would build (malformed escapes), over a plain socket. */
    private String rawStatusLine(String path) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", product.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
            String line = in.readLine();
            return line == null ? "(no answer)" : line;
        }
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
