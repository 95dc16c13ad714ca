package io.leadline.leadsapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadline.http.HttpRoute;
import io.leadline.leads.Lead;
import io.leadline.testing.ApiGatewayEvents;
import io.leadline.testing.Hostile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded hostile requests against the sales console API on DynamoDB Local, as API Gateway sends them
 * after its JWT authorizer: query parameters, path ids, bodies and claims. Every answer is a 2xx or a 4xx
 * in the error format; a refused request changes no table and no user. See {@link Hostile} for seeds.
 */
class LeadsApiPropertyIntegrationTest {

    @TempDir
    Path dir;

    private Console console;
    private Lead lead;
    private Map<String, Set<Map<String, AttributeValue>>> baseline;
    private byte[] usersBaseline;
    private final Map<String, Integer> outcomes = new TreeMap<>();

    @BeforeEach
    void setUp() {
        console = new Console(dir);
        lead = console.lead("Nguyễn Thị Minh Khai", "minh.khai@example.vn", "0912 345 678", null);
        console.lead("Trần Văn B", "b@example.vn", "0987 654 321", console.repAId);
        mark();
    }

    private void mark() {
        baseline = Hostile.snapshot(console.env);
        usersBaseline = users();
    }

    private byte[] users() {
        try {
            Path f = dir.resolve("users.json");
            return Files.exists(f) ? Files.readAllBytes(f) : new byte[0];
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, String> claims(Hostile g) {
        ConsoleClient.User u = g.oneOf(console.repA, console.repB, console.manager, console.admin, console.admin);
        Map<String, String> c = new HashMap<>(Map.of("sub", u.sub(), "cognito:username", u.username(),
                "cognito:groups", u.groups(), "token_use", "id"));
        if (g.chance(0.1)) {
            // what a misconfigured authorizer or a forged context could pass on
            switch (g.between(0, 4)) {
                case 0 -> c.remove("sub");
                case 1 -> c.put("sub", g.string());
                case 2 -> c.put("cognito:groups", g.oneOf("", "[]", "admin", "[\"admin\"]", "[admin sales-rep]", g.string()));
                case 3 -> c.remove("cognito:groups");
                default -> c.put("cognito:username", g.string());
            }
        }
        return g.chance(0.03) ? null : c;
    }

    private JsonNode send(Hostile g, HttpRoute route, Map<String, String> params, Map<String, String> query, String body) {
        Map<String, String> headers = g.chance(0.9) ? Map.of("content-type", "application/json") : g.headers();
        APIGatewayV2HTTPResponse r = console.component.api().apply(ApiGatewayEvents.event(route.method(), route.path(), params, query,
                headers, body, false, claims(g)));
        String context = route.routeKey() + " params " + describe(params) + " query " + describe(query) + " body "
                + Hostile.describe(body);
        JsonNode answer = Hostile.assertSafeAnswer(r, context);
        outcomes.merge(r.getStatusCode() >= 400 ? r.getStatusCode() + " " + answer.path("error").path("code").asText() : "2xx",
                1, Integer::sum);
        if (r.getStatusCode() >= 400) {
            var after = Hostile.snapshot(console.env);
            String diff = Hostile.diff(baseline, after);
            assertTrue(diff.isEmpty(), context + ": refused with " + r.getStatusCode() + " but stored data changed: " + diff);
            assertTrue(Arrays.equals(usersBaseline, users()), context + ": refused but the user directory changed");
        } else {
            mark();
        }
        return answer;
    }

    private static String describe(Map<String, String> m) {
        StringBuilder b = new StringBuilder("{");
        m.forEach((k, v) -> b.append(Hostile.describe(k)).append('=').append(Hostile.describe(v)).append(' '));
        return b.append('}').toString();
    }

    // ------------------------------------------------------------------ query parameters

    private String date(Hostile g) {
        return g.oneOf("2026-11-23", "2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31", "+10000-01-01",
                "-0001-01-01", "2026-11-23T03:00:00Z", "2026-11-23T03:00:00+07:00", "+1000000-01-01T00:00:00Z",
                "-1000000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2026-11-23 ", "20261123", g.string());
    }

    private String cursor(Hostile g) {
        String json = switch (g.between(0, 4)) {
            case 0 -> "{\"id\":\"x\",\"sk\":\"lead\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"kind\":\"lead\"}";
            case 1 -> "{\"id\":" + g.quote(g.string()) + ",\"sk\":" + g.quote(g.string()) + ",\"createdAt\":" + g.quote(g.string()) + "}";
            case 2 -> "{\"id\":\"\",\"sk\":\"\",\"createdAt\":\"\",\"ownerKey\":\"\"}";
            case 3 -> g.jsonObject(1, Hostile.fields("id", (Supplier<String>) () -> "\"a\"", "sk", (Supplier<String>) () -> "\"b\"",
                    "createdAt", (Supplier<String>) () -> "\"c\""));
            default -> g.body(Map.of());
        };
        return g.chance(0.8) ? Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8))
                : g.string();
    }

    private Map<String, String> query(Hostile g, Map<String, Supplier<String>> known) {
        Map<String, String> q = new HashMap<>();
        known.forEach((k, v) -> {
            if (g.chance(0.4)) {
                q.put(k, g.chance(0.6) ? v.get() : g.string());
            }
        });
        if (g.chance(0.08)) {
            q.put(g.chance(0.5) ? g.letters(5) : g.string(), g.string());
        }
        return q;
    }

    /**
     * Listing, audit and funnel queries. Runs without the parameter combinations of the known bugs below
     * (so it passes today and keeps guarding everything else).
     */
    @Test
    void queryParametersGetAnAnswerOrA4xx() {
        runQueries("GET query parameters", false);
    }

    /**
     * Found a bug, since fixed, first hit at case 9 of this property (-Dleadline.seed=20261123 -Dleadline.case=9):
     * GET /api/analytics/funnel?to=+10000-01-01&amp;flow=x&amp;source=google answers 500 "internal"; DynamoDB
     * refuses "BETWEEN day#9999-12-03 AND day#+10000-01-01" (a year past 9999 sorts before it as text).
     * Expected 400 invalid_field. The deterministic tests below pin down each case this property found.
     */
    @Test
    void queryParametersIncludingReversedRangesAndForeignCursorsGetAnAnswerOrA4xx() {
        runQueries("GET query parameters (all)", true);
    }

    private void assertNo500(HttpRoute route, Map<String, String> query) {
        var r = console.component.api().apply(ApiGatewayEvents.event(route.method(), route.path(), Map.of(), query,
                Map.of("content-type", "application/json"), null, false, Map.of("sub", console.manager.sub(),
                        "cognito:username", "manager", "cognito:groups", "[sales-manager]")));
        Hostile.assertSafeAnswer(r, route.routeKey() + " " + query);
    }

    @Test
    void funnelWithADatePastYear9999IsA4xx() {
        assertNo500(LeadsApiRoutes.FUNNEL, Map.of("to", "+10000-01-01"));
    }

    @Test
    void leadsWithAReversedCreationRangeIsA4xx() {
        assertNo500(LeadsApiRoutes.LEADS, Map.of("createdFrom", "2026-11-23", "createdTo", "2026-01-01"));
    }

    @Test
    void leadsWithACursorWithoutTheIndexKeyIsA4xx() {
        String json = "{\"id\":\"x\",\"sk\":\"lead\",\"createdAt\":\"2026-01-01T00:00:00Z\"}";
        assertNo500(LeadsApiRoutes.LEADS, Map.of("cursor",
                Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void leadsWithACursorOfEmptyValuesIsA4xx() {
        String json = "{\"id\":\"\",\"sk\":\"\",\"createdAt\":\"\",\"kind\":\"\"}";
        assertNo500(LeadsApiRoutes.LEADS, Map.of("cursor",
                Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void leadsWithACursorOfAnotherIndexIsA4xx() {
        String json = "{\"id\":\"x\",\"sk\":\"lead\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"kind\":\"lead\"}";
        assertNo500(LeadsApiRoutes.LEADS, Map.of("owner", "unassigned", "cursor",
                Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8))));
    }

    private void runQueries(String property, boolean all) {
        Hostile.forAll(property, 250, g -> {
            int which = g.between(0, 2);
            if (which == 0) {
                Map<String, String> q = query(g, Hostile.fields(
                        "status", (Supplier<String>) () -> g.oneOf("new", "NEW", "contacted", "won", "lost", "qualified", "deleted"),
                        "owner", (Supplier<String>) () -> g.oneOf("me", "unassigned", console.repAId, console.repBId, "", "nobody"),
                        "flow", (Supplier<String>) () -> g.oneOf("website-lead", "support-triage", "x"),
                        "createdFrom", (Supplier<String>) () -> date(g),
                        "createdTo", (Supplier<String>) () -> date(g),
                        "limit", (Supplier<String>) () -> g.oneOf("1", "25", "100", "101", "0", "-1", "2147483648", "1e2", " 5"),
                        "cursor", (Supplier<String>) () -> cursor(g)));
                if (!all) {
                    // leave out what the disabled test below shows to fail
                    q.remove("cursor");
                    String from = q.get("createdFrom");
                    String to = q.get("createdTo");
                    if (from != null && (from.startsWith("+") || from.startsWith("-"))) {
                        q.remove("createdFrom");
                    }
                    if (to != null && (to.startsWith("+") || to.startsWith("-"))) {
                        q.remove("createdTo");
                    }
                    if (q.containsKey("createdFrom") && q.containsKey("createdTo")) {
                        q.remove(g.chance(0.5) ? "createdFrom" : "createdTo");
                    }
                }
                send(g, LeadsApiRoutes.LEADS, Map.of(), q, null);
            } else if (which == 1) {
                send(g, LeadsApiRoutes.AUDIT, Map.of(), query(g, Hostile.fields(
                        "before", (Supplier<String>) () -> g.oneOf("1", "2", "0", "-1", "9223372036854775807", "9223372036854775808", "x"),
                        "limit", (Supplier<String>) () -> g.oneOf("1", "50", "200", "201", "0"))), null);
            } else {
                Map<String, String> q = query(g, Hostile.fields(
                        "from", (Supplier<String>) () -> date(g),
                        "to", (Supplier<String>) () -> date(g),
                        "flow", (Supplier<String>) () -> g.oneOf("website-lead", "support-triage", "x"),
                        "source", (Supplier<String>) () -> g.oneOf("test", "(none)", "google", "")));
                if (!all) {
                    q.computeIfPresent("from", (k, v) -> v.startsWith("+") || v.startsWith("-") ? null : v);
                    q.computeIfPresent("to", (k, v) -> v.startsWith("+") || v.startsWith("-") ? null : v);
                }
                send(g, LeadsApiRoutes.FUNNEL, Map.of(), q, null);
            }
        });
        System.out.println(property + " outcomes: " + outcomes);
    }

    // ------------------------------------------------------------------ bodies and path ids

    @Test
    void bodiesAndPathIdsGetAnAnswerOrA4xxAndARefusalChangesNothing() {
        List<HttpRoute> routes = List.of(LeadsApiRoutes.UPDATE_LEAD, LeadsApiRoutes.ADD_NOTE, LeadsApiRoutes.ASSIGN,
                LeadsApiRoutes.CLAIM, LeadsApiRoutes.LEAD, LeadsApiRoutes.CREATE_USER, LeadsApiRoutes.HANDOVER,
                LeadsApiRoutes.DISABLE_USER, LeadsApiRoutes.PRIVACY_EXPORT, LeadsApiRoutes.PRIVACY_ERASE, LeadsApiRoutes.ME);
        Hostile.forAll("console bodies and ids", 250, g -> {
            HttpRoute route = g.oneOf(routes);
            Map<String, Supplier<String>> fields = switch (route.path()) {
                case "/api/leads/{id}" -> Hostile.fields(
                        "status", (Supplier<String>) () -> g.quote(g.oneOf("contacted", "qualified", "won", "lost", "new", "open")),
                        "version", (Supplier<String>) () -> g.oneOf(Long.toString(console.reload(lead).version()), "1", "0", "-1",
                                "1.5", "\"1\"", "9223372036854775808", "1e2"));
                case "/api/leads/{id}/notes" -> Hostile.fields(
                        "kind", (Supplier<String>) () -> g.quote(g.oneOf("note", "complaint", "Note", "rant")),
                        "text", (Supplier<String>) () -> g.quote(g.string("Called, no answer", "Khách hàng phàn nàn")));
                case "/api/leads/{id}/assign" -> Hostile.fields(
                        "to", (Supplier<String>) () -> g.oneOf(g.quote(console.repAId), g.quote(console.repBId), "null", "\"u-nobody\""),
                        "version", (Supplier<String>) () -> Long.toString(console.reload(lead).version()));
                case "/api/users" -> Hostile.fields(
                        "username", (Supplier<String>) () -> g.quote(g.oneOf("rep.c" + g.letters(3), "rep.a", "ab", "Rep.D" + g.letters(2))),
                        "role", (Supplier<String>) () -> g.quote(g.oneOf("sales-rep", "sales-manager", "admin", "root")));
                case "/api/users/{id}/handover" -> Hostile.fields(
                        "to", (Supplier<String>) () -> g.oneOf(g.quote(console.repAId), g.quote(console.repBId), "null"));
                case "/api/users/{id}/disable" -> Hostile.fields(
                        "successor", (Supplier<String>) () -> g.oneOf(g.quote(console.repAId), "null"));
                case "/api/privacy/export", "/api/privacy/erase" -> Hostile.fields(
                        "email", (Supplier<String>) () -> g.quote(g.oneOf("nobody@example.vn", "NOBODY@example.vn", "x@y", "@")),
                        "phone", (Supplier<String>) () -> g.quote(g.oneOf("0900 000 000", "+84900000000", "12", "+")));
                default -> Map.of();
            };
            Map<String, String> params = new HashMap<>();
            if (route.path().contains("{id}")) {
                String id;
                if (route.path().startsWith("/api/users")) {
                    // never the team's own users: disabling or emptying them would end the property early
                    id = g.oneOf("u-gone", g.letters(8), g.string(), "");
                } else {
                    id = g.chance(0.6) ? lead.id() : g.oneOf(g.string(), g.mutate(lead.id()), "", "x".repeat(65));
                }
                if (!id.isEmpty() || g.chance(0.5)) {
                    params.put("id", id);
                }
            }
            String body = route.method().equals("GET") ? (g.chance(0.9) ? null : g.body(Map.of()))
                    : g.chance(0.35) ? g.nearlyValid(fields.isEmpty() ? Hostile.fields("x", (Supplier<String>) () -> "1") : fields, g.chance(0.5))
                    : g.body(fields);
            send(g, route, params, Map.of(), body);
        });
        System.out.println("bodies outcomes: " + outcomes);
        // the seeded leads are still there and readable
        assertEquals(200, console.api.send(console.manager, LeadsApiRoutes.LEAD, Map.of("id", lead.id()), Map.of(), null).status());
    }
}
