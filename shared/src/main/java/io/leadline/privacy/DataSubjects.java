package io.leadline.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadline.audit.AuditLog;
import io.leadline.consent.ConsentLedger;
import io.leadline.consent.ConsentRecord;
import io.leadline.conversations.Conversation;
import io.leadline.conversations.ConversationRepository;
import io.leadline.conversations.Transcripts;
import io.leadline.crypto.BlindIndex;
import io.leadline.crypto.EncryptionContext;
import io.leadline.crypto.PersonalDataCipher;
import io.leadline.crypto.UnreadableDataException;
import io.leadline.leads.Lead;
import io.leadline.leads.LeadCapture;
import io.leadline.leads.LeadRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Data-subject rights for administrators: find everything held about an e-mail address or phone
 * number (through the blind indexes, never by scanning plaintext), export it decrypted, or erase it.
 */
@Singleton
public final class DataSubjects {

    /** Who is asked about: normalised e-mail and/or E.164 phone. */
    public record Subject(Optional<String> email, Optional<String> phone) {
        @Override
        public String toString() {
            return "Subject[email=" + email.isPresent() + ", phone=" + phone.isPresent() + "]";
        }
    }

    /** What was found: leads and conversations (including those of the leads). */
    public record Found(List<Lead> leads, List<Conversation> conversations) {
    }

    private final LeadRepository leads;
    private final ConversationRepository conversations;
    private final ConsentLedger ledger;
    private final LeadCapture leadCapture;
    private final Transcripts transcripts;
    private final PersonalDataCipher cipher;
    private final BlindIndex blindIndex;
    private final Erasure erasure;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    public DataSubjects(LeadRepository leads, ConversationRepository conversations, ConsentLedger ledger,
                        LeadCapture leadCapture, Transcripts transcripts, PersonalDataCipher cipher,
                        BlindIndex blindIndex, Erasure erasure, AuditLog audit, ObjectMapper json, Clock clock) {
        this.leads = leads;
        this.conversations = conversations;
        this.ledger = ledger;
        this.leadCapture = leadCapture;
        this.transcripts = transcripts;
        this.cipher = cipher;
        this.blindIndex = blindIndex;
        this.erasure = erasure;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    public Found find(Subject subject) {
        Map<String, Lead> foundLeads = new LinkedHashMap<>();
        Map<String, Conversation> foundConversations = new LinkedHashMap<>();
        subject.email().map(blindIndex::email).ifPresent(i -> {
            leads.byEmailIndex(i).forEach(l -> foundLeads.put(l.id(), l));
            conversations.byEmailIndex(i).forEach(c -> foundConversations.put(c.id(), c));
        });
        subject.phone().map(blindIndex::phone).ifPresent(i -> {
            leads.byPhoneIndex(i).forEach(l -> foundLeads.put(l.id(), l));
            conversations.byPhoneIndex(i).forEach(c -> foundConversations.put(c.id(), c));
        });
        for (Lead l : foundLeads.values()) {
            l.conversationIds().forEach(id -> conversations.find(id).ifPresent(c -> foundConversations.putIfAbsent(c.id(), c)));
        }
        return new Found(List.copyOf(foundLeads.values()), List.copyOf(foundConversations.values()));
    }

    /** Everything held about the subject, decrypted, as JSON (access and portability). Audited as counts. */
    public ObjectNode export(Subject subject, AuditLog.Actor actor, String requestId) {
        Found found = find(subject);
        ObjectNode out = json.createObjectNode();
        out.put("generatedAt", clock.instant().toString());
        ArrayNode leadsOut = out.putArray("leads");
        for (Lead l : found.leads()) {
            ObjectNode personal = json.createObjectNode();
            if (!openedAll(() -> leadCapture.reveal(l)
                    .forEach((purpose, fields) -> personal.set(purpose, json.valueToTree(fields.reveal()))))) {
                continue;
            }
            ObjectNode o = leadsOut.addObject();
            o.put("id", l.id());
            o.put("status", l.status().wire());
            o.put("owner", l.owner());
            o.put("flowId", l.flowId());
            o.put("locale", l.locale());
            o.put("source", l.source());
            o.put("createdAt", l.createdAt().toString());
            o.put("lastActivityAt", l.lastActivityAt().toString());
            o.put("keptUntil", java.time.Instant.ofEpochSecond(l.expiresAt()).toString());
            o.set("answers", json.valueToTree(l.answers()));
            o.set("personal", personal);
            o.set("conversationIds", json.valueToTree(l.conversationIds()));
        }
        ArrayNode conversationsOut = out.putArray("conversations");
        ArrayNode consentOut = out.putArray("consentRecords");
        for (Conversation c : found.conversations()) {
            ObjectNode o = json.createObjectNode();
            o.put("id", c.id());
            o.put("flowId", c.flowId());
            o.put("locale", c.locale());
            o.put("status", c.status().name().toLowerCase());
            o.put("createdAt", c.createdAt().toString());
            o.put("keptUntil", java.time.Instant.ofEpochSecond(c.expiresAt()).toString());
            o.set("consents", json.valueToTree(c.consents()));
            o.set("answers", json.valueToTree(c.answers()));
            ObjectNode personal = o.putObject("personal");
            ArrayNode transcript = o.putArray("transcript");
            if (openedAll(() -> {
                c.personal().forEach((purpose, ciphertext) -> personal.set(purpose, json.valueToTree(PersonalFields.fromJson(
                        cipher.open(new EncryptionContext(Transcripts.TABLE, c.id(), purpose, c.subjectId()), ciphertext)).reveal())));
                transcripts.read(c).forEach(line -> transcript.addObject()
                        .put("at", line.at().toString()).put("from", line.from()).put("text", line.text()));
            })) {
                conversationsOut.add(o);
            }
            // Consent proof holds no personal data and outlives an erasure: it is exported either way.
            for (ConsentRecord r : ledger.forConversation(c.id())) {
                ObjectNode rec = consentOut.addObject();
                rec.put("conversationId", r.conversationId());
                rec.put("purpose", r.purpose());
                rec.put("decision", r.decision().wire());
                rec.put("recordedAt", r.recordedAt().toString());
                rec.put("flowId", r.flowId());
                rec.put("flowVersion", r.flowVersion());
                rec.put("locale", r.locale());
                if (r.textSha256() != null) {
                    rec.put("textSha256", r.textSha256());
                    rec.put("shownText", r.shownText());
                }
            }
        }
        audit.append(actor, "subject.export", "subject", "-", requestId, Map.of(
                "leads", Integer.toString(found.leads().size()),
                "conversations", Integer.toString(found.conversations().size())));
        return out;
    }

    /**
     * Runs what decrypts one record; false if the record's subject key is gone: an erasure under way
     * (keys go first, then the records), so the record is left out of the export as already erased.
     */
    private static boolean openedAll(Runnable decrypt) {
        return UnreadableDataException.unlessKeyGone(() -> {
            decrypt.run();
            return true;
        }).isPresent();
    }

    public Erasure.Report erase(Subject subject, AuditLog.Actor actor, String requestId) {
        Found found = find(subject);
        return erasure.eraseSubject(found.conversations(), found.leads(), actor, requestId);
    }
}
