package io.leadline.leadsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadline.audit.AuditEntry;
import io.leadline.http.HttpRoute;
import io.leadline.leads.Lead;
import io.leadline.testing.CapturedLogs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's lead routes end to end on DynamoDB Local: what each role sees, changes and leaves behind. */
class LeadRoutesIntegrationTest {

    @TempDir
    Path dir;

    Console console;
    ConsoleClient api;

    @BeforeEach
    void team() {
        console = new Console(dir, Map.of("LEADLINE_REVEAL_ALERT_PER_HOUR", "3"));
        api = console.api;
    }

    ConsoleClient.Response get(ConsoleClient.User user, HttpRoute route, String id, Map<String, String> query) {
        return api.send(user, route, id == null ? Map.of() : Map.of("id", id), query, null);
    }

    ConsoleClient.Response post(ConsoleClient.User user, HttpRoute route, String id, String body) {
        return api.send(user, route, id == null ? Map.of() : Map.of("id", id), Map.of(), body);
    }

    List<AuditEntry> audit(String action) {
        return console.component.audit().newest(1_000, null).stream().filter(e -> e.action().equals(action)).toList();
    }

    @Nested
    class Listing {

        @Test
        void listsAreMaskedAndCarryNoPersonalData() {
            console.lead("Nguyễn Thị Lan", "lan.nguyen@example.vn", "0912345678", null);
            ConsoleClient.Response r = get(console.manager, LeadsApiRoutes.LEADS, null, Map.of());
            assertThat(r.status()).isEqualTo(200);
            String body = r.body().toString();
            assertThat(body).doesNotContain("Lan", "lan.nguyen", "0912345678", "example.vn");
            JsonNode masked = r.body().path("leads").get(0).path("masked");
            assertThat(masked.path("email").asText()).startsWith("l").contains("@").doesNotContain("lan.nguyen");
            assertThat(masked.path("phone").asText()).endsWith("78").doesNotContain("0912345");
            assertThat(r.body().path("leads").get(0).path("answers").path("interest").asText()).isEqualTo("demo");
        }

        @Test
        void aRepSeesTheirOwnAndUnassignedLeadsOnly() {
            Lead mine = console.lead("Mine", "mine@example.vn", "0900000001", console.repAId);
            Lead queue = console.lead("Queue", "queue@example.vn", "0900000002", null);
            Lead theirs = console.lead("Theirs", "theirs@example.vn", "0900000003", console.repBId);

            assertThat(ids(get(console.repA, LeadsApiRoutes.LEADS, null, Map.of()))).containsExactlyInAnyOrder(mine.id(), queue.id());
            assertThat(ids(get(console.manager, LeadsApiRoutes.LEADS, null, Map.of())))
                    .containsExactlyInAnyOrder(mine.id(), queue.id(), theirs.id());
            assertThat(ids(get(console.repA, LeadsApiRoutes.LEADS, null, Map.of("owner", "me")))).containsExactly(mine.id());
            assertThat(ids(get(console.repA, LeadsApiRoutes.LEADS, null, Map.of("owner", "unassigned")))).containsExactly(queue.id());
            assertThat(ids(get(console.manager, LeadsApiRoutes.LEADS, null, Map.of("owner", console.repBId)))).containsExactly(theirs.id());
            ConsoleClient.Response snoop = get(console.repA, LeadsApiRoutes.LEADS, null, Map.of("owner", console.repBId));
            assertThat(snoop.status()).isEqualTo(403);
            assertThat(snoop.code()).isEqualTo("forbidden");
        }

        @Test
        void filtersByStatusFlowAndCreatedRange() {
            Instant now = console.env.clock.instant();
            Lead old = console.lead("website-lead", "Old", "old@example.vn", "0900000011", null, now.minus(Duration.ofDays(10)));
            Lead support = console.lead("support-triage", "Help", "help@example.vn", "0900000012", null, now.minus(Duration.ofDays(1)));
            Lead fresh = console.lead("Fresh", "fresh@example.vn", "0900000013", console.repAId);
            assertThat(post(console.repA, LeadsApiRoutes.UPDATE_LEAD, fresh.id(), "{\"status\":\"contacted\",\"version\":" + fresh.version() + "}").status())
                    .isEqualTo(200);

            assertThat(ids(get(console.manager, LeadsApiRoutes.LEADS, null, Map.of("status", "contacted")))).containsExactly(fresh.id());
            assertThat(ids(get(console.manager, LeadsApiRoutes.LEADS, null, Map.of("status", "new"))))
                    .containsExactlyInAnyOrder(old.id(), support.id());
            assertThat(ids(get(console.manager, LeadsApiRoutes.LEADS, null, Map.of("flow", "support-triage")))).containsExactly(support.id());
            String tenDaysAgo = now.minus(Duration.ofDays(10)).toString().substring(0, 10);
            assertThat(ids(get(console.manager, LeadsApiRoutes.LEADS, null, Map.of("createdFrom", tenDaysAgo, "createdTo", tenDaysAgo))))
                    .containsExactly(old.id());
            assertThat(ids(get(console.manager, LeadsApiRoutes.LEADS, null,
                    Map.of("createdFrom", now.minus(Duration.ofDays(2)).toString()))))
                    .containsExactlyInAnyOrder(support.id(), fresh.id());
        }

        @Test
        void pagesWithCursorsWalkEveryLeadOnceNewestFirst() {
            Instant now = console.env.clock.instant();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                expected.add(0, console.lead("website-lead", "P" + i, "p" + i + "@example.vn", "09000001" + i, null,
                        now.minus(Duration.ofMinutes(70 - i))).id());
            }
            List<String> seen = new ArrayList<>();
            Map<String, String> query = new HashMap<>(Map.of("limit", "3"));
            int pages = 0;
            while (true) {
                ConsoleClient.Response page = get(console.manager, LeadsApiRoutes.LEADS, null, query);
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.body().path("leads").size()).isLessThanOrEqualTo(3);
                seen.addAll(ids(page));
                pages++;
                if (page.body().path("nextCursor").isNull()) {
                    break;
                }
                query.put("cursor", page.body().path("nextCursor").asText());
                assertThat(pages).isLessThan(10);
            }
            assertThat(seen).containsExactlyElementsOf(expected);
            assertThat(pages).isEqualTo(3);
        }

        @Test
        void badQueriesAreClear400s() {
            console.lead("A", "a@example.vn", "0900000021", null);
            console.lead("B", "b@example.vn", "0900000022", null);
            String cursor = get(console.manager, LeadsApiRoutes.LEADS, null, Map.of("limit", "1")).body().path("nextCursor").asText();
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    "{\"id\":\"x\",\"sk\":\"lead\",\"createdAt\":\"2026\",\"pk\":\"other-table\"}".getBytes(StandardCharsets.UTF_8));
            Map<Map<String, String>, String> cases = Map.of(
                    Map.of("limit", "0"), "invalid_field",
                    Map.of("limit", "101"), "invalid_field",
                    Map.of("limit", "ten"), "invalid_field",
                    Map.of("status", "sold"), "invalid_field",
                    Map.of("createdFrom", "yesterday"), "invalid_field",
                    Map.of("flow", "../etc"), "invalid_field",
                    Map.of("sort", "name"), "unknown_parameter",
                    Map.of("cursor", cursor.substring(0, cursor.length() - 3) + "%%%"), "invalid_cursor",
                    Map.of("cursor", forged), "invalid_cursor",
                    Map.of("cursor", "A".repeat(Cursors.MAX_LENGTH + 1)), "invalid_cursor");
            cases.forEach((query, code) -> {
                ConsoleClient.Response r = get(console.manager, LeadsApiRoutes.LEADS, null, query);
                assertThat(r.status()).as(query.toString()).isEqualTo(400);
                assertThat(r.code()).as(query.toString()).isEqualTo(code);
                assertThat(r.body().path("error").path("message").asText()).isNotBlank();
            });
            assertThat(get(console.manager, LeadsApiRoutes.LEADS, null, Map.of("limit", "100")).status()).isEqualTo(200);
        }

        /**
         * Found by the OpenAPI fuzz run (OpenApiFuzzE2ETest): "limit=٣" (an Arabic-Indic three) was taken as 3,
         * "+5" as 5 and "status=LOST" as lost; the document's integers are ASCII digits, its statuses lower case.
         */
        @Test
        void numbersInOtherScriptsOrWithASignAndStatusesInCapitalsAreRefused() {
            assertThat(get(console.manager, LeadsApiRoutes.LEADS, null, Map.of("status", "LOST")).status()).isEqualTo(400);
            for (String n : List.of("\u0663", "\u0969", "\uFF13", "+5")) {
                assertThat(get(console.manager, LeadsApiRoutes.LEADS, null, Map.of("limit", n)).status()).as(n).isEqualTo(400);
                assertThat(get(console.manager, LeadsApiRoutes.AUDIT, null, Map.of("limit", n)).status()).as(n).isEqualTo(400);
                assertThat(get(console.manager, LeadsApiRoutes.AUDIT, null, Map.of("before", n)).status()).as(n).isEqualTo(400);
            }
            assertThat(get(console.manager, LeadsApiRoutes.AUDIT, null, Map.of("limit", "3")).status()).isEqualTo(200);
        }
    }

    @Nested
    class Reveal {

        @Test
        void theOwnerSeesContactDetailsAndTheRevealIsAudited() {
            Lead lead = console.lead("Trần Văn Minh", "minh@example.vn", "0987654321", console.repAId);
            ConsoleClient.Response r = get(console.repA, LeadsApiRoutes.LEAD, lead.id(), Map.of());
            assertThat(r.status()).isEqualTo(200);
            JsonNode contact = r.body().path("personal").path("contact");
            assertThat(contact.path("name").asText()).isEqualTo("Trần Văn Minh");
            assertThat(contact.path("email").asText()).isEqualTo("minh@example.vn");
            assertThat(contact.path("phone").asText()).isEqualTo("0987654321");
            assertThat(r.body().path("contactHidden").asBoolean()).isFalse();

            List<AuditEntry> reveals = audit("lead.reveal");
            assertThat(reveals).hasSize(1);
            AuditEntry entry = reveals.get(0);
            assertThat(entry.actor()).contains(console.repAId);
            assertThat(entry.targetId()).isEqualTo(lead.id());
            assertThat(entry.details().get("fields").split(",")).containsExactlyInAnyOrder("name", "email", "phone");
            assertThat(entry.toString() + entry.details()).doesNotContain("minh@example.vn", "0987654321", "Minh");
        }

        @Test
        void aRepSeesAnUnassignedLeadWithoutItsPhoneAndEmailUntilTheyClaimIt() {
            Lead lead = console.lead("Lê Hoa", "hoa@example.vn", "0911222333", null);
            JsonNode before = get(console.repA, LeadsApiRoutes.LEAD, lead.id(), Map.of()).body();
            assertThat(before.path("contactHidden").asBoolean()).isTrue();
            assertThat(before.path("personal").path("contact").path("name").asText()).isEqualTo("Lê Hoa");
            assertThat(before.toString()).doesNotContain("hoa@example.vn", "0911222333");
            assertThat(audit("lead.reveal").get(0).details().get("fields")).isEqualTo("name");

            assertThat(post(console.repA, LeadsApiRoutes.CLAIM, lead.id(), null).status()).isEqualTo(200);
            JsonNode after = get(console.repA, LeadsApiRoutes.LEAD, lead.id(), Map.of()).body();
            assertThat(after.path("contactHidden").asBoolean()).isFalse();
            assertThat(after.path("personal").path("contact").path("email").asText()).isEqualTo("hoa@example.vn");
            assertThat(after.path("owner").path("username").asText()).isEqualTo("rep.a");
        }

        @Test
        void unknownAndMalformedIdsAre404s() {
            assertThat(get(console.manager, LeadsApiRoutes.LEAD, "no-such-lead", Map.of()).status()).isEqualTo(404);
            assertThat(get(console.manager, LeadsApiRoutes.LEAD, "..%2F..%2Fetc", Map.of()).status()).isEqualTo(404);
            assertThat(audit("lead.reveal")).isEmpty();
        }

        @Test
        void bulkRevealsAboveTheHourlyThresholdRaiseTheUnusualRevealsMetric() {
            List<Lead> leads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                leads.add(console.lead("Bulk " + i, "bulk" + i + "@example.vn", "090555000" + i, console.repAId));
            }
            try (CapturedLogs logs = CapturedLogs.start()) {
                for (int i = 0; i < 3; i++) {
                    get(console.repA, LeadsApiRoutes.LEAD, leads.get(i).id(), Map.of());
                }
                assertThat(logs.text()).doesNotContain("UnusualReveals");
                get(console.repA, LeadsApiRoutes.LEAD, leads.get(3).id(), Map.of());
                assertThat(logs.text()).contains("\"UnusualReveals\":1", "\"Namespace\":\"Leadline\"")
                        .contains("unusual volume of reveals").doesNotContain("bulk3@example.vn");
            }
            // A new hour starts a new count.
            console.env.clock.advance(Duration.ofHours(1));
            try (CapturedLogs logs = CapturedLogs.start()) {
                get(console.repA, LeadsApiRoutes.LEAD, leads.get(0).id(), Map.of());
                assertThat(logs.text()).doesNotContain("UnusualReveals");
            }
        }
    }

    @Nested
    class Lifecycle {

        String patch(Lead lead, String status, long version) {
            return "{\"status\":\"" + status + "\",\"version\":" + version + "}";
        }

        @Test
        void aLeadMovesForwardOneStepAtATime() {
            Lead lead = console.lead("Walk", "walk@example.vn", "0900000031", console.repAId);
            assertThat(post(console.repA, LeadsApiRoutes.UPDATE_LEAD, lead.id(), patch(lead, "qualified", lead.version())).code())
                    .isEqualTo("invalid_transition");
            long version = lead.version();
            for (String next : List.of("contacted", "qualified", "won")) {
                ConsoleClient.Response r = post(console.repA, LeadsApiRoutes.UPDATE_LEAD, lead.id(), patch(lead, next, version));
                assertThat(r.status()).as(next).isEqualTo(200);
                assertThat(r.body().path("status").asText()).isEqualTo(next);
                assertThat(r.body().path("version").asLong()).isEqualTo(version + 1);
                version = r.body().path("version").asLong();
            }
            for (String next : List.of("new", "contacted", "qualified", "lost")) {
                ConsoleClient.Response r = post(console.repA, LeadsApiRoutes.UPDATE_LEAD, lead.id(), patch(lead, next, version));
                assertThat(r.status()).as("won → " + next).isEqualTo(409);
                assertThat(r.code()).isEqualTo("invalid_transition");
            }
            assertThat(audit("lead.status")).extracting(e -> e.details().get("from") + "→" + e.details().get("to"))
                    .containsExactlyInAnyOrder("new→contacted", "contacted→qualified", "qualified→won");
        }

        @Test
        void twoRepsCannotOverwriteEachOther() {
            Lead lead = console.lead("Race", "race@example.vn", "0900000032", console.repAId);
            String stalePatch = patch(lead, "contacted", lead.version());
            assertThat(post(console.manager, LeadsApiRoutes.UPDATE_LEAD, lead.id(), stalePatch).status()).isEqualTo(200);
            ConsoleClient.Response second = post(console.repA, LeadsApiRoutes.UPDATE_LEAD, lead.id(), stalePatch);
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.code()).isEqualTo("stale_version");
            assertThat(console.reload(lead).version()).isEqualTo(lead.version() + 1);
        }

        @Test
        void firstContactIsRecordedAndActivityMovesTheRetentionDeadline() {
            Lead lead = console.lead("Later", "later@example.vn", "0900000033", console.repAId);
            console.env.clock.advance(Duration.ofDays(30));
            ConsoleClient.Response r = post(console.repA, LeadsApiRoutes.UPDATE_LEAD, lead.id(), patch(lead, "contacted", lead.version()));
            assertThat(r.body().path("firstContactAt").asText()).isEqualTo(console.env.clock.instant().toString());
            Lead after = console.reload(lead);
            assertThat(after.expiresAt()).isEqualTo(console.env.clock.instant().plus(Duration.ofDays(180)).getEpochSecond());
            assertThat(after.expiresAt()).isGreaterThan(lead.expiresAt());
            // Past the original deadline the lead, its key and its notes are still there, still readable.
            console.env.clock.advance(Duration.ofDays(170));
            ConsoleClient.Response later = get(console.repA, LeadsApiRoutes.LEAD, lead.id(), Map.of());
            assertThat(later.status()).isEqualTo(200);
            assertThat(later.body().path("personal").path("contact").path("name").asText()).isEqualTo("Later");
        }

        @Test
        void badUpdatesAre400sAndChangeNothing() {
            Lead lead = console.lead("Bad", "bad@example.vn", "0900000034", console.repAId);
            Map<String, String> cases = new HashMap<>(Map.of(
                    "{\"status\":\"sold\",\"version\":" + lead.version() + "}", "invalid_field",
                    "{\"status\":\"contacted\"}", "missing_field",
                    "{\"status\":\"contacted\",\"version\":\"one\"}", "missing_field",
                    "{\"status\":\"contacted\",\"version\":1,\"owner\":\"me\"}", "unknown_field",
                    "{\"status\":", "invalid_json",
                    "[1,2]", "invalid_body",
                    // Found by the OpenAPI fuzz run: a status in capitals and a fractional version were taken.
                    "{\"status\":\"CONTACTED\",\"version\":" + lead.version() + "}", "invalid_field",
                    "{\"status\":\"contacted\",\"version\":" + lead.version() + ".5}", "missing_field"));
            cases.forEach((body, code) -> {
                ConsoleClient.Response r = post(console.repA, LeadsApiRoutes.UPDATE_LEAD, lead.id(), body);
                assertThat(r.status()).as(body).isEqualTo(400);
                assertThat(r.code()).as(body).isEqualTo(code);
            });
            ConsoleClient.Response big = post(console.repA, LeadsApiRoutes.UPDATE_LEAD, lead.id(),
                    "{\"status\":\"contacted\",\"version\":1,\"x\":\"" + "a".repeat(LeadRoutes.MAX_BODY_BYTES) + "\"}");
            assertThat(big.status()).isEqualTo(413);
            assertThat(console.reload(lead)).isEqualTo(lead);
        }
    }

    /**
     * Found by the OpenAPI fuzz run (OpenApiFuzzE2ETest): an erasure destroys the subject keys first, then the
     * records; a reveal or a note on the lead in between answered 500. The lead is going: single-lead routes
     * answer 404, lists show its row without masks, an export leaves it out and a handover passes it by.
     */
    @Nested
    class DuringAnErasure {

        @Test
        void aLeadWhoseKeyIsAlreadyDestroyedIsTreatedAsGone() {
            Lead going = console.lead("Sắp Xóa", "going@example.vn", "0900000051", console.repAId);
            Lead staying = console.lead("Vẫn Còn", "staying@example.vn", "0900000052", console.repAId);
            console.component.subjectKeys().destroy(going.subjectId());

            ConsoleClient.Response reveal = get(console.repA, LeadsApiRoutes.LEAD, going.id(), Map.of());
            assertThat(reveal.status()).isEqualTo(404);
            assertThat(reveal.code()).isEqualTo("not_found");
            assertThat(post(console.repA, LeadsApiRoutes.ADD_NOTE, going.id(), "{\"kind\":\"note\",\"text\":\"called\"}").status())
                    .isEqualTo(404);

            ConsoleClient.Response list = get(console.manager, LeadsApiRoutes.LEADS, null, Map.of());
            assertThat(list.status()).isEqualTo(200);
            Map<String, JsonNode> rows = new HashMap<>();
            list.body().path("leads").forEach(l -> rows.put(l.path("id").asText(), l));
            assertThat(rows.get(going.id()).path("masked").isEmpty()).isTrue();
            assertThat(rows.get(staying.id()).path("masked").path("name").asText()).isNotEmpty();

            ConsoleClient.Response export = post(console.admin, LeadsApiRoutes.PRIVACY_EXPORT, null, "{\"email\":\"going@example.vn\"}");
            assertThat(export.status()).isEqualTo(200);
            assertThat(export.body().path("leads").isEmpty()).isTrue();

            ConsoleClient.Response handover = post(console.manager, LeadsApiRoutes.HANDOVER, console.repAId,
                    "{\"to\":\"" + console.repBId + "\"}");
            assertThat(handover.status()).isEqualTo(200);
            assertThat(handover.body().path("moved").asInt()).isEqualTo(1);
            assertThat(console.reload(staying).owner()).isEqualTo(console.repBId);
        }
    }

    @Nested
    class Notes {

        @Test
        void notesAndComplaintsAreAppendedEncryptedAndShownOldestFirst() {
            Lead lead = console.lead("Noted", "noted@example.vn", "0900000041", console.repAId);
            ConsoleClient.Response note = post(console.repA, LeadsApiRoutes.ADD_NOTE, lead.id(),
                    "{\"kind\":\"note\",\"text\":\"Gọi lại lúc 3 giờ chiều\"}");
            assertThat(note.status()).isEqualTo(201);
            assertThat(note.body().path("author").asText()).isEqualTo("rep.a");
            console.env.clock.advance(Duration.ofMinutes(5));
            ConsoleClient.Response complaint = post(console.repA, LeadsApiRoutes.ADD_NOTE, lead.id(),
                    "{\"kind\":\"complaint\",\"text\":\"Customer says the invoice was wrong twice\"}");
            assertThat(complaint.status()).isEqualTo(201);

            JsonNode notes = get(console.repA, LeadsApiRoutes.LEAD, lead.id(), Map.of()).body().path("notes");
            assertThat(notes).hasSize(2);
            assertThat(notes.get(0).path("text").asText()).isEqualTo("Gọi lại lúc 3 giờ chiều");
            assertThat(notes.get(1).path("kind").asText()).isEqualTo("complaint");

            String stored = console.env.rawItems(console.env.config.tables().leads()).toString();
            assertThat(stored).doesNotContain("invoice", "Gọi lại");
            assertThat(audit("lead.note")).extracting(e -> e.details().get("kind")).containsExactlyInAnyOrder("note", "complaint");
        }

        @Test
        void nobodyCanDeleteOrEditAComplaint() {
            Lead lead = console.lead("Keep", "keep@example.vn", "0900000042", console.repAId);
            String noteId = post(console.repA, LeadsApiRoutes.ADD_NOTE, lead.id(),
                    "{\"kind\":\"complaint\",\"text\":\"rude on the phone\"}").body().path("id").asText();
            for (String method : List.of("DELETE", "PATCH", "PUT")) {
                for (ConsoleClient.User who : List.of(console.repA, console.manager, console.admin)) {
                    HttpRoute route = new HttpRoute(method, "/api/leads/{id}/notes/{noteId}");
                    ConsoleClient.Response r = api.send(who, route, Map.of("id", lead.id(), "noteId", noteId), Map.of(), "{}");
                    assertThat(r.status()).as(method + " by " + who.username()).isEqualTo(404);
                }
            }
            assertThat(LeadsApiRoutes.ALL).noneMatch(r -> r.method().equals("DELETE") || r.path().contains("notes/"));
            JsonNode notes = get(console.manager, LeadsApiRoutes.LEAD, lead.id(), Map.of()).body().path("notes");
            assertThat(notes).hasSize(1);
            assertThat(notes.get(0).path("text").asText()).isEqualTo("rude on the phone");
        }

        @Test
        void noteLimitsAreExplicit() {
            Lead lead = console.lead("Limits", "limits@example.vn", "0900000043", console.repAId);
            assertThat(post(console.repA, LeadsApiRoutes.ADD_NOTE, lead.id(),
                    "{\"kind\":\"note\",\"text\":\"" + "x".repeat(LeadRoutes.MAX_NOTE_CHARS) + "\"}").status()).isEqualTo(201);
            Map<String, String> cases = Map.of(
                    "{\"kind\":\"note\",\"text\":\"" + "x".repeat(LeadRoutes.MAX_NOTE_CHARS + 1) + "\"}", "too_long",
                    "{\"kind\":\"note\",\"text\":\"   \"}", "invalid_field",
                    "{\"kind\":\"memo\",\"text\":\"hi\"}", "invalid_field",
                    "{\"kind\":\"note\"}", "missing_field",
                    "{\"kind\":\"note\",\"text\":\"a\\u0000b\"}", "invalid_text");
            cases.forEach((body, code) -> {
                ConsoleClient.Response r = post(console.repA, LeadsApiRoutes.ADD_NOTE, lead.id(), body);
                assertThat(r.status()).as(body).isEqualTo(400);
                assertThat(r.code()).as(body).isEqualTo(code);
            });
            assertThat(get(console.repA, LeadsApiRoutes.LEAD, lead.id(), Map.of()).body().path("notes")).hasSize(1);
        }
    }

    @Nested
    class Ownership {

        @Test
        void theFirstClaimWins() {
            Lead lead = console.lead("Claimed", "claimed@example.vn", "0900000051", null);
            assertThat(post(console.repA, LeadsApiRoutes.CLAIM, lead.id(), null).status()).isEqualTo(200);
            ConsoleClient.Response second = post(console.repB, LeadsApiRoutes.CLAIM, lead.id(), null);
            assertThat(second.status()).isEqualTo(403);
            assertThat(console.reload(lead).owner()).isEqualTo(console.repAId);
            assertThat(audit("lead.claim")).hasSize(1);
        }

        @Test
        void managersAssignOnlyToActiveRepsOrManagers() {
            Lead lead = console.lead("Assigned", "assigned@example.vn", "0900000052", null);
            ConsoleClient.Response r = post(console.manager, LeadsApiRoutes.ASSIGN, lead.id(), "{\"to\":\"" + console.repBId + "\"}");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().path("owner").path("username").asText()).isEqualTo("rep.b");
            assertThat(post(console.manager, LeadsApiRoutes.ASSIGN, lead.id(), "{\"to\":\"" + console.admin.sub() + "\"}").code())
                    .isEqualTo("invalid_assignee");
            assertThat(post(console.manager, LeadsApiRoutes.ASSIGN, lead.id(), "{\"to\":\"nobody\"}").code()).isEqualTo("invalid_assignee");
            assertThat(post(console.manager, LeadsApiRoutes.ASSIGN, lead.id(), "{\"to\":\"" + console.repAId + "\",\"version\":1}").code())
                    .isEqualTo("stale_version");
            ConsoleClient.Response back = post(console.manager, LeadsApiRoutes.ASSIGN, lead.id(), "{}");
            assertThat(back.status()).isEqualTo(200);
            assertThat(back.body().path("owner").isNull()).isTrue();
            assertThat(audit("lead.assign")).extracting(e -> e.details().get("to")).containsExactlyInAnyOrder(console.repBId, Lead.UNASSIGNED);
        }

        @Test
        void aHandoverMovesEveryOpenLeadOfOneRepInOneAuditedAction() {
            List<Lead> open = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                open.add(console.lead("Open " + i, "open" + i + "@example.vn", "090666000" + i, console.repAId));
            }
            Lead won = console.lead("Won", "won@example.vn", "0906660009", console.repAId);
            long v = won.version();
            for (String s : List.of("contacted", "qualified", "won")) {
                v = post(console.repA, LeadsApiRoutes.UPDATE_LEAD, won.id(), "{\"status\":\"" + s + "\",\"version\":" + v + "}")
                        .body().path("version").asLong();
            }
            ConsoleClient.Response r = post(console.manager, LeadsApiRoutes.HANDOVER, console.repAId, "{\"to\":\"" + console.repBId + "\"}");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().path("moved").asInt()).isEqualTo(3);
            open.forEach(l -> assertThat(console.reload(l).owner()).isEqualTo(console.repBId));
            assertThat(console.reload(won).owner()).as("closed leads stay with who won them").isEqualTo(console.repAId);
            List<AuditEntry> handovers = audit("user.handover");
            assertThat(handovers).hasSize(1);
            assertThat(handovers.get(0).details()).containsEntry("to", console.repBId).containsEntry("leads", "3");
            assertThat(post(console.manager, LeadsApiRoutes.HANDOVER, console.repBId, "{\"to\":\"" + console.repBId + "\"}").code())
                    .isEqualTo("invalid_assignee");
        }

        @Test
        void disablingARepHandsTheirOpenLeadsToTheSuccessorOrTheQueue() {
            Lead a = console.lead("For successor", "succ@example.vn", "0900000061", console.repAId);
            Lead b = console.lead("For queue", "queue2@example.vn", "0900000062", console.repBId);

            ConsoleClient.Response r = post(console.admin, LeadsApiRoutes.DISABLE_USER, console.repAId,
                    "{\"successor\":\"" + console.manager.sub() + "\"}");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().path("moved").asInt()).isEqualTo(1);
            assertThat(console.reload(a).owner()).isEqualTo(console.manager.sub());

            assertThat(post(console.admin, LeadsApiRoutes.DISABLE_USER, console.repBId, null).status()).isEqualTo(200);
            assertThat(console.reload(b).owner()).isNull();

            assertThat(audit("user.disable")).extracting(e -> e.details().get("successor"))
                    .containsExactlyInAnyOrder(console.manager.sub(), Lead.UNASSIGNED);
            JsonNode users = get(console.admin, LeadsApiRoutes.USERS, null, Map.of()).body().path("users");
            Set<String> disabled = new HashSet<>();
            users.forEach(u -> {
                if (!u.path("enabled").asBoolean()) {
                    disabled.add(u.path("username").asText());
                }
            });
            assertThat(disabled).containsExactlyInAnyOrder("rep.a", "rep.b");
            assertThat(console.users.find(console.repAId)).hasValueSatisfying(u -> assertThat(u.enabled()).isFalse());
            // A disabled rep can no longer receive leads, and an admin cannot lock themself out.
            Lead c = console.lead("Later", "later2@example.vn", "0900000063", null);
            assertThat(post(console.manager, LeadsApiRoutes.ASSIGN, c.id(), "{\"to\":\"" + console.repAId + "\"}").code())
                    .isEqualTo("invalid_assignee");
            assertThat(post(console.admin, LeadsApiRoutes.DISABLE_USER, console.admin.sub(), null).status()).isEqualTo(400);
        }

        @Test
        void adminsCreateUsersWithATemporaryPassword() {
            ConsoleClient.Response r = post(console.admin, LeadsApiRoutes.CREATE_USER, null, "{\"username\":\"New.Rep\",\"role\":\"sales-rep\"}");
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.body().path("user").path("username").asText()).isEqualTo("new.rep");
            assertThat(r.body().path("temporaryPassword").asText()).hasSizeGreaterThanOrEqualTo(12);
            assertThat(post(console.admin, LeadsApiRoutes.CREATE_USER, null, "{\"username\":\"new.rep\",\"role\":\"sales-rep\"}").code())
                    .isEqualTo("user_exists");
            assertThat(post(console.admin, LeadsApiRoutes.CREATE_USER, null, "{\"username\":\"x\",\"role\":\"sales-rep\"}").code())
                    .isEqualTo("invalid_field");
            assertThat(post(console.admin, LeadsApiRoutes.CREATE_USER, null, "{\"username\":\"boss\",\"role\":\"owner\"}").code())
                    .isEqualTo("invalid_field");
            assertThat(audit("user.create")).hasSize(1);
            assertThat(audit("user.create").get(0).toString()).doesNotContain(r.body().path("temporaryPassword").asText());
        }
    }

    @Nested
    class Overdue {

        @Test
        void leadsNotContactedWithinTheirFlowsFollowUpTimeAreOverdue() {
            Instant now = console.env.clock.instant();
            Lead web25h = console.lead("website-lead", "W25", "w25@example.vn", "0900000071", console.repAId, now.minus(Duration.ofHours(25)));
            Lead web23h = console.lead("website-lead", "W23", "w23@example.vn", "0900000072", console.repAId, now.minus(Duration.ofHours(23)));
            Lead support5h = console.lead("support-triage", "S5", "s5@example.vn", "0900000073", null, now.minus(Duration.ofHours(5)));
            Lead others = console.lead("website-lead", "O", "o@example.vn", "0900000074", console.repBId, now.minus(Duration.ofDays(3)));
            Lead contacted = console.lead("website-lead", "C", "c@example.vn", "0900000075", console.repAId, now.minus(Duration.ofDays(3)));
            post(console.repA, LeadsApiRoutes.UPDATE_LEAD, contacted.id(), "{\"status\":\"contacted\",\"version\":" + contacted.version() + "}");

            assertThat(ids(get(console.repA, LeadsApiRoutes.OVERDUE, null, Map.of()))).containsExactlyInAnyOrder(web25h.id(), support5h.id());
            assertThat(ids(get(console.manager, LeadsApiRoutes.OVERDUE, null, Map.of())))
                    .containsExactlyInAnyOrder(web25h.id(), support5h.id(), others.id());
            JsonNode row = get(console.manager, LeadsApiRoutes.LEADS, null, Map.of("owner", "me")).body();
            assertThat(row.path("leads")).isEmpty();
            JsonNode list = get(console.repA, LeadsApiRoutes.LEADS, null, Map.of()).body().path("leads");
            list.forEach(l -> assertThat(l.path("overdue").asBoolean()).as(l.path("id").asText())
                    .isEqualTo(l.path("id").asText().equals(web25h.id()) || l.path("id").asText().equals(support5h.id())));
            assertThat(ids(get(console.repA, LeadsApiRoutes.LEADS, null, Map.of()))).contains(web23h.id());

            console.env.clock.advance(Duration.ofHours(2));
            assertThat(ids(get(console.repA, LeadsApiRoutes.OVERDUE, null, Map.of()))).contains(web23h.id());
        }
    }

    private static List<String> ids(ConsoleClient.Response r) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.body().path("leads").forEach(l -> ids.add(l.path("id").asText()));
        return ids;
    }
}
