package io.leadline.privacy;

import io.leadline.audit.AuditLog;
import io.leadline.consent.ConsentDecision;
import io.leadline.consent.ConsentLedger;
import io.leadline.consent.ConsentRecord;
import io.leadline.conversations.Conversation;
import io.leadline.conversations.ConversationRepository;
import io.leadline.crypto.SubjectKeys;
import io.leadline.leads.Lead;
import io.leadline.leads.LeadRepository;
import io.leadline.retention.RetentionPolicy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkBytes;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Erases a data subject: their conversations, their leads with everything stored beside them, the
 * blind indexes (they live on those items) and their subject keys (crypto-shredding: copies in backups
 * and exports become unreadable). Consent proof stays, as it always was without personal data, plus
 * a record that consent was withdrawn. Used by the visitor's "forget me", by a withdrawal, and by an
 * administrator's erasure; each is audited with counts only.
 */
@Singleton
public final class Erasure {

    /** What was erased, in counts only. */
    public record Report(int conversations, int leads, int items, int keys) {
        public Map<String, String> asDetails() {
            return Map.of("conversations", Integer.toString(conversations), "leads", Integer.toString(leads),
                    "items", Integer.toString(items), "keys", Integer.toString(keys));
        }
    }

    private final ConversationRepository conversations;
    private final LeadRepository leads;
    private final SubjectKeys subjectKeys;
    private final ConsentLedger ledger;
    private final AuditLog audit;
    private final RetentionPolicy retention;
    private final Clock clock;

    @Inject
    public Erasure(ConversationRepository conversations, LeadRepository leads, SubjectKeys subjectKeys,
                   ConsentLedger ledger, AuditLog audit, RetentionPolicy retention, Clock clock) {
        this.conversations = conversations;
        this.leads = leads;
        this.subjectKeys = subjectKeys;
        this.ledger = ledger;
        this.audit = audit;
        this.retention = retention;
        this.clock = clock;
    }

    /** The visitor's "forget me": this conversation, its lead and the lead's other conversations. */
    public Report eraseConversation(Conversation conversation, String requestId) {
        Set<Conversation> all = new LinkedHashSet<>();
        all.add(conversation);
        Set<Lead> found = new LinkedHashSet<>();
        Optional.ofNullable(conversation.leadId()).flatMap(leads::find).ifPresent(found::add);
        Report report = erase(all, found);
        audit.append(AuditLog.Actor.visitor(conversation.id()), "conversation.erase", "conversation", conversation.id(),
                requestId, report.asDetails());
        return report;
    }

    /** An administrator's erasure of everything found about a data subject. */
    public Report eraseSubject(Collection<Conversation> foundConversations, Collection<Lead> foundLeads,
                               AuditLog.Actor actor, String requestId) {
        Report report = erase(foundConversations, foundLeads);
        // The target is never the e-mail or phone: only what was erased, counted.
        audit.append(actor, "subject.erase", "subject", "-", requestId, report.asDetails());
        return report;
    }

    private Report erase(Collection<Conversation> foundConversations, Collection<Lead> foundLeads) {
        Map<String, Conversation> all = new LinkedHashMap<>();
        foundConversations.forEach(c -> all.put(c.id(), c));
        for (Lead lead : foundLeads) {
            lead.conversationIds().forEach(id -> conversations.find(id).ifPresent(c -> all.putIfAbsent(c.id(), c)));
        }
        Set<String> subjects = new LinkedHashSet<>();
        all.values().forEach(c -> {
            if (c.subjectId() != null) {
                subjects.add(c.subjectId());
            }
        });
        foundLeads.forEach(l -> subjects.add(l.subjectId()));
        // Keys first: if anything below fails half-way, what is left is already unreadable.
        subjects.forEach(subjectKeys::destroy);

        int items = 0;
        for (Lead lead : foundLeads) {
            items += leads.delete(lead.id());
        }
        for (Conversation c : all.values()) {
            recordWithdrawals(c);
            items += conversations.delete(c.id());
        }
        return new Report(all.size(), foundLeads.size(), items, subjects.size());
    }

    /**
     * One purpose withdrawn: what was kept under it goes at once. Transcript text sealed under it is
     * deleted; the lead loses that purpose's data, and is deleted if nothing is left; once nothing of
     * the subject remains under any purpose, the subject key is destroyed as well.
     *
     * @param conversation the conversation as saved after the withdrawal
     */
    public Report erasePurpose(Conversation conversation, String purpose, String requestId) {
        int items = conversations.deleteSealedText(conversation.id(), purpose);
        int leadsErased = 0;
        boolean leadHoldsData = false;
        Optional<Lead> lead = Optional.ofNullable(conversation.leadId()).flatMap(leads::find);
        if (lead.isPresent()) {
            Lead l = lead.get();
            Map<String, SdkBytes> rest = new TreeMap<>(l.personal());
            rest.remove(purpose);
            if (rest.isEmpty()) {
                items += leads.delete(l.id());
                leadsErased = 1;
            } else {
                leads.update(l.toBuilder().personal(rest).updatedAt(clock.instant()).version(l.version() + 1).build(),
                        l.version());
                leadHoldsData = true;
            }
        }
        int keys = 0;
        if (!conversation.anyGranted() && !leadHoldsData && conversation.subjectId() != null) {
            subjectKeys.destroy(conversation.subjectId());
            keys = 1;
        }
        Report report = new Report(0, leadsErased, items, keys);
        Map<String, String> details = new TreeMap<>(report.asDetails());
        details.put("purpose", purpose);
        audit.append(AuditLog.Actor.visitor(conversation.id()), "consent.withdraw", "conversation", conversation.id(),
                requestId, details);
        return report;
    }

    private void recordWithdrawals(Conversation c) {
        if (c.botSignal() != null) {
            // An automated conversation relies on no consent: grants recorded before it was caught were closed
            // by withdrawal records then, and its later consent answers were never recorded.
            return;
        }
        Instant now = clock.instant();
        long seq = c.turns() + 1L;
        for (Map.Entry<String, String> consent : c.consents().entrySet()) {
            if (!"granted".equals(consent.getValue())) {
                continue;
            }
            ledger.append(new ConsentRecord(c.id(), ConsentRecord.sortKey(now, consent.getKey(), seq++) + "#w",
                    consent.getKey(), ConsentDecision.WITHDRAWN, c.flowId(), c.flowVersion(), c.locale(), null, null, now,
                    now.plus(retention.consentProof()).getEpochSecond()));
        }
    }
}
