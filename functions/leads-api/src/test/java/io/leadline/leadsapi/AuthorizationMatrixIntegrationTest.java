package io.leadline.leadsapi;

import io.leadline.http.HttpRoute;
import io.leadline.leads.Lead;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every console API route × every role × the caller's relation to the lead (their own, another
 * rep's, unassigned) → the expected status, generated from the one table below. "rep" is rep A;
 * "none" is a request without the authorizer's claims (defence in depth behind API Gateway).
 */
class AuthorizationMatrixIntegrationTest {

    /** Route, relation (own | other | unassigned | -), then the status for rep, manager, admin, none. */
    static final String[] TABLE = {
            "GET /api/me                      | -          | 200 200 200 401",
            "GET /api/leads                   | -          | 200 200 200 401",
            "GET /api/leads/overdue           | -          | 200 200 200 401",
            "GET /api/leads/{id}              | own        | 200 200 200 401",
            "GET /api/leads/{id}              | other      | 403 200 200 401",
            "GET /api/leads/{id}              | unassigned | 200 200 200 401",
            "PATCH /api/leads/{id}            | own        | 200 200 200 401",
            "PATCH /api/leads/{id}            | other      | 403 200 200 401",
            "PATCH /api/leads/{id}            | unassigned | 403 200 200 401",
            "POST /api/leads/{id}/notes       | own        | 201 201 201 401",
            "POST /api/leads/{id}/notes       | other      | 403 201 201 401",
            "POST /api/leads/{id}/notes       | unassigned | 403 201 201 401",
            "POST /api/leads/{id}/claim       | own        | 409 409 403 401",
            "POST /api/leads/{id}/claim       | other      | 403 409 403 401",
            "POST /api/leads/{id}/claim       | unassigned | 200 200 403 401",
            "POST /api/leads/{id}/assign      | own        | 403 200 200 401",
            "POST /api/leads/{id}/assign      | other      | 403 200 200 401",
            "POST /api/leads/{id}/assign      | unassigned | 403 200 200 401",
            "GET /api/users                   | -          | 403 200 200 401",
            "POST /api/users                  | -          | 403 403 201 401",
            "POST /api/users/{id}/disable     | -          | 403 403 200 401",
            "POST /api/users/{id}/handover    | -          | 403 200 200 401",
            "GET /api/audit                   | -          | 403 200 200 401",
            "POST /api/privacy/export         | -          | 403 403 200 401",
            "POST /api/privacy/erase          | -          | 403 403 200 401",
            "GET /api/analytics/funnel        | -          | 403 200 200 401",
    };
    static final List<String> ROLES = List.of("rep", "manager", "admin", "none");

    @TempDir
    static Path dir;

    private static Console console;
    private static final AtomicInteger counter = new AtomicInteger();

    @BeforeAll
    static void team() {
        console = new Console(dir);
    }

    @TestFactory
    Stream<DynamicTest> everyRouteRoleAndRelation() {
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        for (String row : TABLE) {
            String[] cells = row.split("\\|");
            String routeKey = cells[0].strip().replaceAll("\\s+", " ");
            String relation = cells[1].strip();
            String[] expected = cells[2].strip().split("\\s+");
            HttpRoute route = LeadsApiRoutes.ALL.stream().filter(r -> r.routeKey().equals(routeKey)).findFirst()
                    .orElseThrow(() -> new AssertionError("no route " + routeKey));
            covered.add(routeKey);
            for (int i = 0; i < ROLES.size(); i++) {
                String role = ROLES.get(i);
                int status = Integer.parseInt(expected[i]);
                tests.add(DynamicTest.dynamicTest(routeKey + " [" + relation + "] as " + role + " → " + status,
                        () -> assertEquals(status, call(route, relation, role), routeKey + " " + relation + " " + role)));
            }
        }
        tests.add(DynamicTest.dynamicTest("the table covers every console route", () -> assertEquals(
                LeadsApiRoutes.ALL.stream().map(HttpRoute::routeKey).collect(java.util.stream.Collectors.toSet()), covered)));
        return tests.stream();
    }

    /**
     * Found by the OpenAPI fuzz run (OpenApiFuzzE2ETest): a token whose subject was 5,000 characters got as far
     * as the reveal counter's key, which DynamoDB refused (500). A subject that is no user id is no caller.
     */
    @org.junit.jupiter.api.Test
    void aSubjectThatIsNoUserIdIs401() {
        Lead lead = console.lead("Odd Subject", "odd.subject@example.vn", "0903000001", null);
        for (String sub : List.of("a".repeat(5_000), "user\u0000x", " ", "user:x", "\u1EC5")) {
            ConsoleClient.User odd = new ConsoleClient.User(sub, "odd", "[admin]");
            assertEquals(401, console.api.send(odd, LeadsApiRoutes.LEAD, Map.of("id", lead.id()), Map.of(), null).status());
            assertEquals(401, console.api.send(odd, LeadsApiRoutes.CLAIM, Map.of("id", lead.id()), Map.of(), null).status());
        }
    }

    /** Each case gets fresh records, so a change made by one cannot decide another. */
    private int call(HttpRoute route, String relation, String role) {
        int n = counter.incrementAndGet();
        ConsoleClient.User caller = switch (role) {
            case "rep" -> console.repA;
            case "manager" -> console.manager;
            case "admin" -> console.admin;
            default -> null;
        };
        String owner = switch (relation) {
            case "own" -> console.repAId;
            case "other" -> console.repBId;
            default -> null;
        };
        Lead lead = console.lead("Matrix Person " + n, "matrix" + n + "@example.vn", "090" + (2_000_000 + n), owner);
        Map<String, String> params = route.path().contains("{id}")
                ? Map.of("id", route.path().startsWith("/api/users/") ? console.user("leaver" + n, io.leadline.users.Role.SALES_REP).sub() : lead.id())
                : Map.of();
        String body = switch (route.routeKey()) {
            case "PATCH /api/leads/{id}" -> "{\"status\":\"contacted\",\"version\":" + lead.version() + "}";
            case "POST /api/leads/{id}/notes" -> "{\"kind\":\"note\",\"text\":\"called, no answer\"}";
            case "POST /api/leads/{id}/assign" -> "{\"to\":\"" + console.repBId + "\"}";
            case "POST /api/users" -> "{\"username\":\"new.user" + n + "\",\"role\":\"sales-rep\"}";
            case "POST /api/users/{id}/disable" -> "{}";
            case "POST /api/users/{id}/handover" -> "{\"to\":\"" + console.repBId + "\"}";
            case "POST /api/privacy/export", "POST /api/privacy/erase" -> "{\"email\":\"matrix" + n + "@example.vn\"}";
            default -> null;
        };
        return console.api.send(caller, route, params, Map.of(), body).status();
    }
}
