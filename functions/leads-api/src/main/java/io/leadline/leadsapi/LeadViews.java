package io.leadline.leadsapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadline.consent.ConsentDecision;
import io.leadline.consent.ConsentLedger;
import io.leadline.consent.ConsentRecord;
import io.leadline.conversations.ConversationRepository;
import io.leadline.conversations.Transcripts;
import io.leadline.crypto.UnreadableDataException;
import io.leadline.flows.Flow;
import io.leadline.flows.FlowCatalog;
import io.leadline.leads.Lead;
import io.leadline.leads.LeadCapture;
import io.leadline.leads.LeadNotes;
import io.leadline.leads.LeadStatus;
import io.leadline.privacy.Masks;
import io.leadline.privacy.PersonalFields;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Leads as the console shows them: masked in lists, revealed per role in the detail view. */
@Singleton
final class LeadViews {

    private static final Set<String> CONTACT_FIELDS = Set.of("email", "phone");

    private final ObjectMapper json;
    private final LeadCapture leads;
    private final LeadNotes notes;
    private final ConversationRepository conversations;
    private final Transcripts transcripts;
    private final ConsentLedger ledger;
    private final FlowCatalog flows;
    private final StaffNames staff;
    private final Masks masks;
    private final Clock clock;

    @Inject
    LeadViews(ObjectMapper json, LeadCapture leads, LeadNotes notes, ConversationRepository conversations,
              Transcripts transcripts, ConsentLedger ledger, FlowCatalog flows, StaffNames staff, Masks masks, Clock clock) {
        this.json = json;
        this.leads = leads;
        this.notes = notes;
        this.conversations = conversations;
        this.transcripts = transcripts;
        this.ledger = ledger;
        this.flows = flows;
        this.staff = staff;
        this.masks = masks;
        this.clock = clock;
    }

    /** When a lead must be contacted by: its flow's follow-up time after capture. */
    Instant followUpBy(Lead lead) {
        Duration within = flows.find(lead.flowId(), lead.locale()).map(Flow::followUpWithin).orElse(Flow.DEFAULT_FOLLOW_UP);
        return lead.createdAt().plus(within);
    }

    boolean overdue(Lead lead) {
        return lead.status() == LeadStatus.NEW && clock.instant().isAfter(followUpBy(lead));
    }

    /** A list row: no personal data but masks (decrypting here reveals nothing and is not audited). */
    ObjectNode summary(Lead lead) {
        ObjectNode o = json.createObjectNode();
        o.put("id", lead.id());
        o.put("status", lead.status().wire());
        o.put("version", lead.version());
        if (lead.owner() == null) {
            o.putNull("owner");
        } else {
            ObjectNode owner = o.putObject("owner");
            owner.put("id", lead.owner());
            owner.put("username", staff.find(lead.owner()).map(u -> u.username()).orElse("(former user)"));
        }
        o.put("flowId", lead.flowId());
        o.put("locale", lead.locale());
        o.put("source", lead.source());
        o.put("handoff", lead.handoff());
        o.put("createdAt", lead.createdAt().toString());
        o.put("lastActivityAt", lead.lastActivityAt().toString());
        o.put("firstContactAt", lead.firstContactAt() == null ? null : lead.firstContactAt().toString());
        o.put("followUpBy", followUpBy(lead).toString());
        o.put("overdue", overdue(lead));
        o.put("keptUntil", Instant.ofEpochSecond(lead.expiresAt()).toString());
        o.set("answers", json.valueToTree(lead.answers()));
        // Being erased (keys go first): a row without masks, gone at the next look.
        PersonalFields all = UnreadableDataException.unlessKeyGone(() -> merged(leads.reveal(lead))).orElse(PersonalFields.empty());
        ObjectNode masked = o.putObject("masked");
        all.get("name").ifPresent(n -> masked.put("name", masks.name(n)));
        all.get("email").ifPresent(e -> masked.put("email", masks.email(e)));
        all.get("phone").ifPresent(p -> masked.put("phone", masks.phone(p)));
        return o;
    }

    /**
     * The detail view. The name and what the visitor wrote are shown to whoever may see the lead;
     * e-mail and phone only to its owner and supervisors. Returns the field names revealed, for the audit.
     */
    Detail detail(Lead lead, boolean seesContact) {
        ObjectNode o = summary(lead);
        ObjectNode personal = o.putObject("personal");
        List<String> revealed = new java.util.ArrayList<>();
        leads.reveal(lead).forEach((purpose, fields) -> {
            ObjectNode p = personal.putObject(purpose);
            fields.reveal().forEach((field, value) -> {
                if (CONTACT_FIELDS.contains(field) && !seesContact) {
                    p.put(field, field.equals("email") ? masks.email(value) : masks.phone(value));
                } else {
                    p.put(field, value);
                    revealed.add(field);
                }
            });
        });
        o.put("contactHidden", !seesContact);
        ArrayNode notesOut = o.putArray("notes");
        notes.read(lead).forEach(n -> {
            ObjectNode note = notesOut.addObject();
            note.put("id", n.id());
            note.put("kind", n.kind());
            note.put("author", staff.find(n.authorId()).map(u -> u.username()).orElse("(former user)"));
            note.put("createdAt", n.createdAt().toString());
            note.put("text", n.text());
        });
        ArrayNode transcript = o.putArray("transcript");
        ArrayNode consent = o.putArray("consent");
        for (String conversationId : lead.conversationIds()) {
            List<ConsentRecord> records = ledger.forConversation(conversationId);
            records.forEach(r -> consent.add(consentRecord(r)));
            Optional<Instant> granted = records.stream().filter(r -> r.decision() == ConsentDecision.GRANTED)
                    .map(ConsentRecord::recordedAt).min(Instant::compareTo);
            if (granted.isEmpty()) {
                continue;
            }
            // Only the consented part: what was said from the moment the visitor agreed.
            conversations.find(conversationId).ifPresent(c -> transcripts.read(c).stream()
                    .filter(line -> !line.at().isBefore(granted.get()))
                    .forEach(line -> transcript.addObject().put("conversationId", conversationId)
                            .put("at", line.at().toString()).put("from", line.from()).put("text", line.text())));
        }
        return new Detail(o, revealed);
    }

    record Detail(ObjectNode body, List<String> revealedFields) {
    }

    private ObjectNode consentRecord(ConsentRecord r) {
        ObjectNode c = json.createObjectNode();
        c.put("conversationId", r.conversationId());
        c.put("purpose", r.purpose());
        c.put("decision", r.decision().wire());
        c.put("recordedAt", r.recordedAt().toString());
        c.put("flowId", r.flowId());
        c.put("flowVersion", r.flowVersion());
        c.put("locale", r.locale());
        if (r.textSha256() != null) {
            c.put("textSha256", r.textSha256());
            c.put("shownText", r.shownText());
        }
        return c;
    }

    private static PersonalFields merged(Map<String, PersonalFields> byPurpose) {
        PersonalFields all = PersonalFields.empty();
        for (PersonalFields p : byPurpose.values()) {
            for (var e : p.reveal().entrySet()) {
                all = all.with(e.getKey(), e.getValue());
            }
        }
        return all;
    }
}
