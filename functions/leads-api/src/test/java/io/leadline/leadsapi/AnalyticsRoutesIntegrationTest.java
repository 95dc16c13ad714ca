package io.leadline.leadsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadline.analytics.FunnelEvent;
import io.leadline.analytics.FunnelEventType;
import io.leadline.leads.Lead;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The funnel route on DynamoDB Local: lead status changes write events, the counters count them (fed
 * here straight from the events table, as the stream would), and the route reads the figures back.
 */
class AnalyticsRoutesIntegrationTest {

    @TempDir
    Path dir;

    private Console console;
    private LocalDate day;

    @BeforeEach
    void setUp() {
        console = new Console(dir);
        day = console.env.clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    @Test
    void statusChangesBecomeStagesOutcomesAndFirstContactTimes() {
        Lead won = captured("Won Buyer", "won@example.vn", "0900000101");
        Lead lost = captured("Lost Buyer", "lost@example.vn", "0900000102");
        captured("Still Open", "open@example.vn", "0900000103");

        console.env.clock.advance(Duration.ofMinutes(45));
        won = move(won, "contacted", "qualified", "won");
        console.env.clock.advance(Duration.ofMinutes(135));
        move(lost, "contacted", "qualified", "lost");
        countEverything();

        JsonNode f = funnel(console.manager, Map.of("from", day.toString(), "to", day.toString()));
        assertThat(stage(f, "lead_captured")).isEqualTo(3);
        assertThat(stage(f, "contacted")).isEqualTo(2);
        assertThat(stage(f, "qualified")).isEqualTo(2);
        assertThat(stage(f, "won")).isEqualTo(1);
        assertThat(f.path("stages").get(4).path("stepRate").asDouble()).isEqualTo(0.6667);
        assertThat(f.path("leads").toString()).isEqualTo("{\"captured\":3,\"open\":1,\"won\":1,\"lost\":1}");
        // 45 and 180 minutes: the median is "at most an hour", p90 "at most four hours".
        assertThat(f.path("firstContact").toString())
                .isEqualTo("{\"contacted\":2,\"medianMinutesAtMost\":60,\"p90MinutesAtMost\":240}");
        assertThat(f.path("sources").toString()).isEqualTo("[\"test\"]");
        assertThat(f.toString()).doesNotContain("Buyer", "example.vn", "09000001", won.id());

        countEverything();
        assertThat(funnel(console.admin, Map.of("from", day.toString(), "to", day.toString()))).isEqualTo(f);
    }

    @Test
    void laterStepsCountTowardTheDayTheLeadArrived() {
        Lead lead = captured("Early Bird", "early@example.vn", "0900000104");
        console.env.clock.advance(Duration.ofDays(3));
        move(lead, "contacted");
        countEverything();

        assertThat(stage(funnel(console.manager, Map.of("from", day.toString(), "to", day.toString())), "contacted")).isEqualTo(1);
        LocalDate today = day.plusDays(3);
        assertThat(stage(funnel(console.manager, Map.of("from", today.toString(), "to", today.toString())), "contacted")).isZero();
        JsonNode defaults = funnel(console.manager, Map.of());
        assertThat(defaults.path("to").asText()).isEqualTo(today.toString());
        assertThat(defaults.path("from").asText()).isEqualTo(today.minusDays(29).toString());
        assertThat(defaults.path("zone").asText()).isEqualTo("UTC");
        assertThat(defaults.path("flow").isNull()).isTrue();
        assertThat(stage(defaults, "contacted")).isEqualTo(1);
    }

    @Test
    void filtersNarrowToAFlowAndASource() {
        captured("A", "a@example.vn", "0900000105");
        countEverything();
        JsonNode f = funnel(console.manager, Map.of("flow", "website-lead", "source", "test"));
        assertThat(stage(f, "lead_captured")).isEqualTo(1);
        assertThat(f.path("flow").asText()).isEqualTo("website-lead");
        assertThat(f.path("dropOff")).hasSize(1);
        assertThat(f.path("dropOff").get(0).path("nodes").get(0).path("node").asText()).isEqualTo("greeting");
        assertThat(stage(funnel(console.manager, Map.of("flow", "support-triage")), "lead_captured")).isZero();
        assertThat(stage(funnel(console.manager, Map.of("source", "newsletter")), "lead_captured")).isZero();
        assertThat(stage(funnel(console.manager, Map.of("source", "(none)")), "lead_captured")).as("visitors without a source").isZero();
    }

    @Test
    void badQueriesAreClear400sAndRepsMayNotLook() {
        Map<Map<String, String>, String> bad = new HashMap<>();
        bad.put(Map.of("from", "2026-13-01"), "invalid_field");
        bad.put(Map.of("to", "yesterday"), "invalid_field");
        bad.put(Map.of("from", "2026-11-10", "to", "2026-11-01"), "invalid_field");
        bad.put(Map.of("from", "2025-01-01", "to", "2026-01-02"), "invalid_field");
        bad.put(Map.of("source", "someone@example.vn"), "invalid_field");
        bad.put(Map.of("flow", "../leads"), "invalid_field");
        bad.put(Map.of("email", "x"), "unknown_parameter");
        bad.forEach((query, code) -> {
            ConsoleClient.Response r = console.api.send(console.manager, LeadsApiRoutes.FUNNEL, Map.of(), query, null);
            assertThat(r.status()).as(query.toString()).isEqualTo(400);
            assertThat(r.code()).as(query.toString()).isEqualTo(code);
        });
        assertThat(console.api.send(console.manager, LeadsApiRoutes.FUNNEL, Map.of(),
                Map.of("from", "2025-01-02", "to", "2026-01-02"), null).status()).as("366 days is the limit").isEqualTo(200);
        assertThat(console.api.send(console.repA, LeadsApiRoutes.FUNNEL, Map.of(), Map.of(), null).status()).isEqualTo(403);
    }

    /** A lead and its capture event, as a finished chat leaves them. */
    private Lead captured(String name, String email, String phone) {
        Lead lead = console.lead(name, email, phone, console.repAId);
        var events = console.component.funnelEvents();
        events.record(events.event(lead.id() + ":captured", FunnelEventType.LEAD_CAPTURED, lead.createdAt(), lead.flowId(),
                lead.locale(), lead.source()));
        return lead;
    }

    private Lead move(Lead lead, String... statuses) {
        Lead current = lead;
        for (String status : statuses) {
            var r = console.api.send(console.repA, LeadsApiRoutes.UPDATE_LEAD, Map.of("id", current.id()), Map.of(),
                    "{\"status\":\"" + status + "\",\"version\":" + current.version() + "}");
            assertThat(r.status()).as(status).isEqualTo(200);
            current = console.reload(current);
        }
        return current;
    }

    /** Everything in the events table, handed to the counters as a stream batch would be. */
    private void countEverything() {
        List<FunnelEvent> all = console.env.rawItems(console.env.config.tables().events()).stream()
                .map(FunnelEvent.schema()::mapToItem).toList();
        console.component.funnelCounters().count(all);
    }

    private JsonNode funnel(ConsoleClient.User user, Map<String, String> query) {
        ConsoleClient.Response r = console.api.send(user, LeadsApiRoutes.FUNNEL, Map.of(), query, null);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.body();
    }

    private static long stage(JsonNode funnel, String name) {
        for (JsonNode s : funnel.path("stages")) {
            if (s.path("stage").asText().equals(name)) {
                return s.path("count").asLong();
            }
        }
        throw new AssertionError("no stage " + name);
    }
}
