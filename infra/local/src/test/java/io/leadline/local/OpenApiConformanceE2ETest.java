package io.leadline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadline.chat.ChatRoutes;
import io.leadline.http.HttpRoute;
import io.leadline.leadsapi.LeadsApiRoutes;
import io.leadline.testing.ExternalTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * infra/openapi.yaml against the running product: the document declares exactly the routes the
 * functions serve, and every answer the product gives over HTTP in a session that touches every
 * operation (successes and the usual mistakes) has a documented status and fits its schema.
 */
class OpenApiConformanceE2ETest {

    static final String NEW_PASSWORD = "Correct-Horse-7-Battery";

    @TempDir
    static Path data;

    static LocalProduct product;
    static OpenApiSpec spec;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    final List<String> problems = new ArrayList<>();
    final Set<String> answered = new TreeSet<>();

    @BeforeAll
    static void start() throws Exception {
        Path root = ExternalTools.repositoryRoot();
        spec = OpenApiSpec.load(root.resolve("infra/openapi.yaml"));
        product = LocalProduct.start(new LocalOptions("127.0.0.1", 0, data, root.resolve("web"), Set.of("*")));
    }

    @AfterAll
    static void stop() {
        if (product != null) {
            product.close();
        }
    }

    @Test
    void theDocumentDeclaresExactlyTheRoutesTheFunctionsServe() {
        Set<String> code = Stream.concat(ChatRoutes.ALL.stream(), LeadsApiRoutes.ALL.stream())
                .map(HttpRoute::routeKey).collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = spec.routes().stream().map(HttpRoute::routeKey).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(code, documented);
    }

    @Test
    void theDocumentsSchemasAreValidJsonSchema() {
        assertEquals(List.of(), spec.checkSchemas());
    }

    @Test
    void everyAnswerInARealSessionIsDocumentedAndFitsItsSchema() throws Exception {
        // The visitor's side.
        JsonNode started = call("POST", "/chat/conversations", null, "{\"flowId\":\"website-lead\",\"locale\":\"en\"}");
        String conversation = started.path("conversationId").asText();
        String visitor = started.path("token").asText();
        String messages = "/chat/conversations/" + conversation + "/messages";
        call("POST", "/chat/conversations", null, "{\"flowId\":\"no-such-flow\",\"locale\":\"en\"}");
        call("POST", "/chat/conversations", null, "{\"flowId\":\"website-lead\"}");
        call("POST", "/chat/conversations", null, "{\"flowId\":\"website-lead\",\"locale\":\"en\",\"x\":\"" + "a".repeat(20_000) + "\"}");
        send("POST", "/chat/conversations", null, "<flowId>website-lead</flowId>", "application/xml");
        call("POST", messages, visitor, "{\"choice\":\"demo\",\"clientMessageId\":\"m-1\"}");
        call("GET", "/chat/conversations/" + conversation, visitor, null);
        call("POST", messages, visitor, "{\"consent\":{\"purpose\":\"contact\",\"granted\":true},\"website\":\"\",\"clientMessageId\":\"m-2\"}");
        call("POST", messages, visitor, "{\"text\":\"An Nguyen\"}");
        call("POST", messages, visitor, "{\"text\":\"not an email\"}");
        call("POST", messages, visitor, "{\"text\":\"an.nguyen@example.vn\"}");
        call("POST", messages, visitor, "{\"text\":\"0912 345 678\"}");
        call("POST", messages, visitor, "{\"text\":\"" + "x".repeat(1001) + "\"}");
        call("POST", messages, visitor, "{\"text\":\"hi\",\"choice\":\"demo\",\"consent\":{}}");
        call("POST", messages, "not-the-token", "{\"text\":\"hi\"}");
        call("GET", "/chat/conversations/" + conversation + "/consents", visitor, null);
        call("GET", "/chat/conversations/AAAAAAAAAAAAAAAAAAAAAA", visitor, null);

        // The team signs in (password, then TOTP) and works the lead.
        var first = product.firstAdmin().orElseThrow();
        String admin = signIn(first.username(), first.password(), new CognitoSignInClient.Authenticator(first.totpSecret()));
        call("GET", "/api/me", admin, null);
        send("GET", "/api/me", null, null, null);
        send("GET", "/api/me", "forged.jwt.token", null, null);
        JsonNode managerUser = call("POST", "/api/users", admin, "{\"username\":\"mai.manager\",\"role\":\"sales-manager\"}");
        JsonNode repUser = call("POST", "/api/users", admin, "{\"username\":\"rep.one\",\"role\":\"sales-rep\"}");
        JsonNode rep2User = call("POST", "/api/users", admin, "{\"username\":\"rep.two\",\"role\":\"sales-rep\"}");
        call("POST", "/api/users", admin, "{\"username\":\"rep.one\",\"role\":\"sales-rep\"}");
        call("POST", "/api/users", admin, "{\"username\":\"x\",\"role\":\"owner\"}");
        String manager = signIn("mai.manager", managerUser.path("temporaryPassword").asText(), new CognitoSignInClient.Authenticator(null));
        String rep = signIn("rep.one", repUser.path("temporaryPassword").asText(), new CognitoSignInClient.Authenticator(null));
        String repId = repUser.path("user").path("id").asText();
        String rep2Id = rep2User.path("user").path("id").asText();

        JsonNode page = call("GET", "/api/leads?limit=10", rep, null);
        String leadId = page.path("leads").get(0).path("id").asText();
        call("GET", "/api/leads?status=new&owner=unassigned&flow=website-lead&createdFrom=2020-01-01", manager, null);
        call("GET", "/api/leads?limit=500", manager, null);
        call("GET", "/api/leads?cursor=forged", manager, null);
        call("GET", "/api/leads/overdue", manager, null);
        call("GET", "/api/leads/" + leadId, rep, null);
        call("GET", "/api/leads/no-such-lead", manager, null);
        call("POST", "/api/leads/" + leadId + "/claim", rep, null);
        call("POST", "/api/leads/" + leadId + "/claim", manager, null);
        JsonNode detail = call("GET", "/api/leads/" + leadId, rep, null);
        long version = detail.path("version").asLong();
        call("PATCH", "/api/leads/" + leadId, rep, "{\"status\":\"qualified\",\"version\":" + version + "}");
        JsonNode changed = call("PATCH", "/api/leads/" + leadId, rep, "{\"status\":\"contacted\",\"version\":" + version + "}");
        call("PATCH", "/api/leads/" + leadId, rep, "{\"status\":\"qualified\",\"version\":" + version + "}");
        call("POST", "/api/leads/" + leadId + "/notes", rep, "{\"kind\":\"complaint\",\"text\":\"the demo link did not work\"}");
        call("POST", "/api/leads/" + leadId + "/notes", rep, "{\"kind\":\"memo\",\"text\":\"x\"}");
        call("POST", "/api/leads/" + leadId + "/assign", rep, "{\"to\":\"" + rep2Id + "\"}");
        call("POST", "/api/leads/" + leadId + "/assign", manager, "{\"to\":\"" + rep2Id + "\",\"version\":"
                + (changed.path("version").asLong() + 1) + "}");
        call("POST", "/api/users/" + rep2Id + "/handover", manager, "{\"to\":\"" + repId + "\"}");
        call("GET", "/api/users", manager, null);
        call("GET", "/api/users", rep, null);
        call("POST", "/api/users/" + rep2Id + "/disable", admin, "{\"successor\":\"" + repId + "\"}");
        call("POST", "/api/users/" + repId + "/disable", manager, "{}");
        call("GET", "/api/audit?limit=5", manager, null);
        call("GET", "/api/audit?limit=0", manager, null);
        call("GET", "/api/audit", rep, null);
        // The funnel once the counter has caught up with the stream (so drop-off rows are checked too).
        JsonNode funnel = call("GET", "/api/analytics/funnel", manager, null);
        for (int i = 0; i < 40 && funnel.path("dropOff").isEmpty(); i++) {
            Thread.sleep(250);
            funnel = call("GET", "/api/analytics/funnel", manager, null);
        }
        assertTrue(funnel.path("dropOff").size() > 0, "the session's chat reached the counters: " + funnel);
        call("GET", "/api/analytics/funnel?flow=website-lead&source=(none)&from=2026-01-01&to=2026-12-31", admin, null);
        call("GET", "/api/analytics/funnel?from=2026-12-31&to=2026-01-01", manager, null);
        call("GET", "/api/analytics/funnel", rep, null);
        call("POST", "/api/privacy/export", admin, "{\"email\":\"an.nguyen@example.vn\"}");
        call("POST", "/api/privacy/export", admin, "{}");
        call("POST", "/api/privacy/erase", rep, "{\"email\":\"an.nguyen@example.vn\"}");
        call("POST", "/api/privacy/erase", admin, "{\"email\":\"an.nguyen@example.vn\"}");

        // The visitor's "forget me" on a second conversation.
        JsonNode other = call("POST", "/chat/conversations", null, "{\"flowId\":\"support-triage\",\"locale\":\"vi\"}");
        call("DELETE", "/chat/conversations/" + other.path("conversationId").asText(), other.path("token").asText(), null);

        assertTrue(problems.isEmpty(), String.join("\n", problems));
        Set<String> successes = new HashSet<>();
        for (String a : answered) {
            if (a.matches(".* [23]\\d\\d$")) {
                successes.add(a.substring(0, a.lastIndexOf(' ')));
            }
        }
        Set<String> untested = spec.routes().stream().map(HttpRoute::routeKey).filter(r -> !successes.contains(r))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), untested, "operations the session never completed; answered: " + answered);
        assertTrue(answered.stream().filter(a -> a.matches(".* 4\\d\\d$")).count() >= 15, "the session makes mistakes too: " + answered);
    }

    private String signIn(String username, String password, CognitoSignInClient.Authenticator authenticator) {
        CognitoSignInClient client = new CognitoSignInClient(URI.create(product.baseUrl() + "/local-cognito/"),
                io.leadline.local.identity.LocalSignIn.CLIENT_ID);
        return client.signIn(username, password, NEW_PASSWORD, authenticator).idToken();
    }

    private JsonNode call(String method, String pathAndQuery, String token, String body) throws Exception {
        return send(method, pathAndQuery, token, body, body == null ? null : "application/json");
    }

    /** Sends one request, checks the answer against the document, and returns its JSON. */
    private JsonNode send(String method, String pathAndQuery, String token, String body, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(product.baseUrl() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        HttpRoute route = spec.match(method, path).orElseThrow(() -> new AssertionError("not in the document: " + method + " " + path));
        answered.add(route.routeKey() + " " + response.statusCode());
        problems.addAll(spec.checkResponse(route, response.statusCode(), response.body()));
        if (response.statusCode() < 300 && body != null && "application/json".equals(contentType)) {
            // What the code accepts, the document must accept too.
            problems.addAll(spec.checkRequest(route, body));
        }
        return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
    }
}
