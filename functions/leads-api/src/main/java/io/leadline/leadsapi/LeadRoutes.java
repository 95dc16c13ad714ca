package io.leadline.leadsapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadline.analytics.FunnelEvent;
import io.leadline.analytics.FunnelEventType;
import io.leadline.analytics.FunnelEvents;
import io.leadline.audit.AuditLog;
import io.leadline.audit.RevealWatch;
import io.leadline.http.ApiException;
import io.leadline.http.HttpRequest;
import io.leadline.http.HttpResponses;
import io.leadline.http.JsonBodies;
import io.leadline.leads.Lead;
import io.leadline.leads.LeadActivity;
import io.leadline.leads.LeadNote;
import io.leadline.leads.LeadNotes;
import io.leadline.leads.LeadQuery;
import io.leadline.leads.LeadRepository;
import io.leadline.leads.LeadStatus;
import io.leadline.storage.Storage;
import io.leadline.storage.Transaction;
import io.leadline.users.Role;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import io.leadline.users.StaffUser;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Working leads: list, reveal, move through the lifecycle, annotate, claim and assign. */
@Singleton
final class LeadRoutes {

    static final int MAX_BODY_BYTES = 8 * 1024;
    static final int MAX_NOTE_CHARS = 2_000;
    static final int DEFAULT_PAGE = 25;
    static final int MAX_PAGE = 100;
    /** Dates and times from 0000 to 9999 only: "+10000-01-01" parses, but sorts before "9999" as text. */
    private static final Pattern FOUR_DIGIT_YEAR = Pattern.compile("^\\d{4}-");
    static final Pattern ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    private final LeadRepository leads;
    private final LeadNotes notes;
    private final LeadActivity activity;
    private final LeadViews views;
    private final StaffNames staff;
    private final Cursors cursors;
    private final AuditLog audit;
    private final RevealWatch reveals;
    private final JsonBodies bodies;
    private final HttpResponses responses;
    private final Storage storage;
    private final FunnelEvents funnel;
    private final Clock clock;

    @Inject
    LeadRoutes(LeadRepository leads, LeadNotes notes, LeadActivity activity, LeadViews views, StaffNames staff,
               Cursors cursors, AuditLog audit, RevealWatch reveals, JsonBodies bodies, HttpResponses responses,
               Storage storage, FunnelEvents funnel, Clock clock) {
        this.leads = leads;
        this.notes = notes;
        this.activity = activity;
        this.views = views;
        this.staff = staff;
        this.cursors = cursors;
        this.audit = audit;
        this.reveals = reveals;
        this.bodies = bodies;
        this.responses = responses;
        this.storage = storage;
        this.funnel = funnel;
        this.clock = clock;
    }

    APIGatewayV2HTTPResponse list(HttpRequest request) {
        Caller caller = Caller.from(request).require(Role.SALES_REP, Role.SALES_MANAGER, Role.ADMIN);
        Map<String, String> q = request.queryParameters();
        known(q, Set.of("status", "owner", "flow", "createdFrom", "createdTo", "limit", "cursor"));
        LeadQuery query = new LeadQuery(
                Optional.ofNullable(q.get("status")).map(LeadRoutes::status),
                owner(caller, q.get("owner")),
                Optional.ofNullable(q.get("flow")).map(f -> matching(f, ID, "flow")),
                Optional.ofNullable(q.get("createdFrom")).map(v -> instant(v, "createdFrom", false)),
                Optional.ofNullable(q.get("createdTo")).map(v -> instant(v, "createdTo", true)),
                limit(q.get("limit")),
                Optional.ofNullable(q.get("cursor")).map(cursors::decode));
        if (query.createdFrom().isPresent() && query.createdTo().isPresent()
                && query.createdFrom().get().isAfter(query.createdTo().get())) {
            throw ApiException.badRequest("invalid_field", "'createdFrom' must not be after 'createdTo'");
        }
        LeadRepository.Page page;
        try {
            page = leads.query(query);
        } catch (DynamoDbException e) {
            // A well-formed cursor can still name a key of another listing (another owner or status index).
            if (query.after().isPresent() && e.awsErrorDetails() != null
                    && "ValidationException".equals(e.awsErrorDetails().errorCode())) {
                throw ApiException.badRequest("invalid_cursor", "the cursor does not belong to this listing");
            }
            throw e;
        }
        ObjectNode body = responses.object();
        ArrayNode list = body.putArray("leads");
        page.leads().forEach(l -> list.add(views.summary(l)));
        page.next().ifPresentOrElse(n -> body.put("nextCursor", cursors.encode(n)), () -> body.putNull("nextCursor"));
        return responses.json(200, body);
    }

    APIGatewayV2HTTPResponse overdue(HttpRequest request) {
        Caller caller = Caller.from(request).require(Role.SALES_REP, Role.SALES_MANAGER, Role.ADMIN);
        LeadQuery.Owner owner = LeadAccess.supervises(caller) ? LeadQuery.Owner.any()
                : LeadQuery.Owner.mineOrUnassigned(caller.userId());
        ObjectNode body = responses.object();
        ArrayNode list = body.putArray("leads");
        Optional<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> after = Optional.empty();
        int pages = 0;
        do {
            LeadRepository.Page page = leads.query(new LeadQuery(Optional.of(LeadStatus.NEW), owner, Optional.empty(),
                    Optional.empty(), Optional.of(clock.instant()), MAX_PAGE, after));
            page.leads().stream().filter(views::overdue).forEach(l -> list.add(views.summary(l)));
            after = page.next();
        } while (after.isPresent() && ++pages < 10 && list.size() < MAX_PAGE);
        return responses.json(200, body);
    }

    APIGatewayV2HTTPResponse detail(HttpRequest request) {
        Caller caller = Caller.from(request).require(Role.SALES_REP, Role.SALES_MANAGER, Role.ADMIN);
        Lead lead = LeadAccess.visible(caller, lead(request));
        // Audited before anything is shown: if the audit cannot be written, nothing is revealed.
        LeadViews.Detail detail = views.detail(lead, LeadAccess.seesContact(caller, lead));
        audit.append(caller.actor(), "lead.reveal", "lead", lead.id(), request.requestId(),
                Map.of("fields", String.join(",", detail.revealedFields())));
        reveals.revealed(caller.userId());
        return responses.json(200, detail.body());
    }

    APIGatewayV2HTTPResponse update(HttpRequest request) {
        Caller caller = Caller.from(request).require(Role.SALES_REP, Role.SALES_MANAGER, Role.ADMIN);
        Lead lead = LeadAccess.workable(caller, lead(request));
        ObjectNode body = bodies.object(request, MAX_BODY_BYTES);
        known(body, Set.of("status", "version"));
        LeadStatus target = status(JsonBodies.requiredText(body, "status", 20));
        long version = version(body);
        if (version != lead.version()) {
            throw stale(lead);
        }
        if (!lead.status().canMoveTo(target)) {
            throw ApiException.conflict("invalid_transition", "a lead moves new → contacted → qualified → won | lost; "
                    + lead.status().wire() + " cannot become " + target.wire());
        }
        Instant now = clock.instant();
        Lead.Builder changed = activity.touch(lead).toBuilder().status(target).version(lead.version() + 1);
        if (target == LeadStatus.CONTACTED && lead.firstContactAt() == null) {
            changed.firstContactAt(now);
        }
        Lead updated = changed.build();
        // The status and its funnel event land together (the event's id is the lead and the status).
        Transaction tx = storage.begin();
        leads.stageSave(tx, updated, lead.version());
        FunnelEventType.forStatus(target).ifPresent(type -> {
            FunnelEvent event = funnel.event(lead.id() + ":" + target.wire(), type, lead.createdAt(), lead.flowId(),
                    lead.locale(), lead.source());
            funnel.stage(tx, type == FunnelEventType.CONTACTED
                    ? event.withMinutesToFirstContact(Duration.between(lead.createdAt(), now).toMinutes()) : event);
        });
        tx.commit();
        activity.extendDependents(updated);
        audit.append(caller.actor(), "lead.status", "lead", lead.id(), request.requestId(),
                Map.of("from", lead.status().wire(), "to", target.wire()));
        return responses.json(200, views.summary(updated));
    }

    APIGatewayV2HTTPResponse addNote(HttpRequest request) {
        Caller caller = Caller.from(request).require(Role.SALES_REP, Role.SALES_MANAGER, Role.ADMIN);
        Lead lead = LeadAccess.workable(caller, lead(request));
        ObjectNode body = bodies.object(request, MAX_BODY_BYTES);
        known(body, Set.of("kind", "text"));
        String kind = JsonBodies.requiredText(body, "kind", 20);
        if (!kind.equals(LeadNote.NOTE) && !kind.equals(LeadNote.COMPLAINT)) {
            throw ApiException.badRequest("invalid_field", "'kind' is 'note' or 'complaint'");
        }
        String text = JsonBodies.requiredText(body, "text", MAX_NOTE_CHARS).strip();
        if (text.isEmpty()) {
            throw ApiException.badRequest("invalid_field", "'text' must not be empty");
        }
        Lead touched = save(activity.touch(lead).toBuilder().version(lead.version() + 1).build(), lead);
        LeadNotes.Note note = notes.append(touched, kind, caller.userId(), text);
        audit.append(caller.actor(), "lead.note", "lead", lead.id(), request.requestId(), Map.of("kind", kind, "note", note.id()));
        ObjectNode out = responses.object();
        out.put("id", note.id());
        out.put("kind", note.kind());
        out.put("author", caller.username());
        out.put("createdAt", note.createdAt().toString());
        out.put("text", note.text());
        out.put("leadVersion", touched.version());
        return responses.json(201, out);
    }

    APIGatewayV2HTTPResponse claim(HttpRequest request) {
        Caller caller = Caller.from(request).require(Role.SALES_REP, Role.SALES_MANAGER);
        Lead lead = LeadAccess.visible(caller, lead(request));
        if (lead.owner() != null) {
            throw ApiException.conflict("already_assigned", lead.owner().equals(caller.userId())
                    ? "this lead is already yours" : "another rep has this lead");
        }
        Lead updated = save(activity.touch(lead).toBuilder().owner(caller.userId()).version(lead.version() + 1).build(), lead);
        audit.append(caller.actor(), "lead.claim", "lead", lead.id(), request.requestId(), Map.of("owner", caller.userId()));
        return responses.json(200, views.summary(updated));
    }

    APIGatewayV2HTTPResponse assign(HttpRequest request) {
        Caller caller = Caller.from(request).require(Role.SALES_MANAGER, Role.ADMIN);
        Lead lead = lead(request);
        ObjectNode body = bodies.object(request, MAX_BODY_BYTES);
        known(body, Set.of("to", "version"));
        Optional<String> to = JsonBodies.optionalText(body, "to", 64);
        to.ifPresent(this::assignee);
        if (body.has("version") && version(body) != lead.version()) {
            throw stale(lead);
        }
        Lead updated = save(activity.touch(lead).toBuilder().owner(to.orElse(null)).version(lead.version() + 1).build(), lead);
        audit.append(caller.actor(), "lead.assign", "lead", lead.id(), request.requestId(),
                Map.of("from", lead.ownerKey(), "to", updated.ownerKey()));
        return responses.json(200, views.summary(updated));
    }

    /** Someone who can hold leads: an enabled rep or manager. */
    StaffUser assignee(String userId) {
        return staff.find(matching(userId, ID, "to")).filter(StaffUser::canOwnLeads)
                .orElseThrow(() -> ApiException.badRequest("invalid_assignee", "leads go to an active rep or manager"));
    }

    private Lead save(Lead updated, Lead previous) {
        leads.update(updated, previous.version());
        activity.extendDependents(updated);
        return updated;
    }

    private Lead lead(HttpRequest request) {
        String id = request.pathParameter("id").filter(i -> ID.matcher(i).matches())
                .orElseThrow(() -> ApiException.notFound("no such lead"));
        return leads.find(id).orElseThrow(() -> ApiException.notFound("no such lead (it may have been erased or expired)"));
    }

    private static ApiException stale(Lead lead) {
        return ApiException.conflict("stale_version", "someone changed this lead meanwhile (now version "
                + lead.version() + "); reload it and try again");
    }

    private static long version(ObjectNode body) {
        var v = body.get("version");
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw ApiException.badRequest("missing_field", "'version' (the version you read) is required");
        }
        return v.asLong();
    }

    private static LeadQuery.Owner owner(Caller caller, String owner) {
        boolean supervisor = LeadAccess.supervises(caller);
        if (owner == null || owner.isEmpty()) {
            return supervisor ? LeadQuery.Owner.any() : LeadQuery.Owner.mineOrUnassigned(caller.userId());
        }
        return switch (owner) {
            case "me" -> LeadQuery.Owner.user(caller.userId());
            case "unassigned" -> LeadQuery.Owner.unassigned();
            default -> {
                matching(owner, ID, "owner");
                if (!supervisor && !owner.equals(caller.userId())) {
                    throw ApiException.forbidden("reps see their own and unassigned leads");
                }
                yield LeadQuery.Owner.user(owner);
            }
        };
    }

    /** A status as the API spells it (lower case), nothing else. */
    static LeadStatus status(String value) {
        for (LeadStatus s : LeadStatus.values()) {
            if (s.wire().equals(value)) {
                return s;
            }
        }
        throw ApiException.badRequest("invalid_field", "status is one of new, contacted, qualified, won, lost");
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_PAGE;
        }
        return (int) QueryNumbers.inRange(value, 1, MAX_PAGE)
                .orElseThrow(() -> ApiException.badRequest("invalid_field", "limit is between 1 and " + MAX_PAGE));
    }

    /** A date (the whole day) or an instant, with a four-digit year (stored times sort as text). */
    private static Instant instant(String value, String name, boolean endOfDay) {
        try {
            if (fourDigitYear(value).length() == 10) {
                LocalDate d = LocalDate.parse(value);
                return (endOfDay ? d.plusDays(1).atStartOfDay() : d.atStartOfDay()).toInstant(ZoneOffset.UTC)
                        .minusMillis(endOfDay ? 1 : 0);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_field", "'" + name + "' is a date (2026-11-23) or an instant");
        }
    }

    /** The value, if its year has four digits; otherwise a parse failure like any other malformed date. */
    static String fourDigitYear(String value) {
        if (!FOUR_DIGIT_YEAR.matcher(value).lookingAt()) {
            throw new DateTimeParseException("the year has four digits", value, 0);
        }
        return value;
    }

    static String matching(String value, Pattern pattern, String name) {
        if (!pattern.matcher(value).matches()) {
            throw ApiException.badRequest("invalid_field", "'" + name + "' has an invalid format");
        }
        return value;
    }

    static void known(Map<String, String> query, Set<String> allowed) {
        for (String k : query.keySet()) {
            if (!allowed.contains(k)) {
                throw ApiException.badRequest("unknown_parameter", "this request takes " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    static void known(ObjectNode body, Set<String> allowed) {
        body.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw ApiException.badRequest("unknown_field", "this request takes " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        });
    }
}
