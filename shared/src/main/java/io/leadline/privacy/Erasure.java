package io.leadline.privacy;

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

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Erases a data subject reached through one of their conversations: the conversation, its lead,
 * the lead's other conversations, and the subject keys (crypto-shredding, so copies in backups and
 * exports become unreadable). Consent proof stays, reduced to what it always was (no personal
 * data), plus a record that consent was withdrawn.
 */
@Singleton
public final class Erasure {

    /** What was erased, in counts only. */
    public record Report(int conversations, int leads, int items, int keys) {
    }

    private final ConversationRepository conversations;
    private final LeadRepository leads;
    private final SubjectKeys subjectKeys;
    private final ConsentLedger ledger;
    private final RetentionPolicy retention;
    private final Clock clock;

    @Inject
    public Erasure(ConversationRepository conversations, LeadRepository leads, SubjectKeys subjectKeys,
                   ConsentLedger ledger, RetentionPolicy retention, Clock clock) {
        this.conversations = conversations;
        this.leads = leads;
        this.subjectKeys = subjectKeys;
        this.ledger = ledger;
        this.retention = retention;
        this.clock = clock;
    }

    public Report eraseConversation(Conversation conversation) {
        Set<Conversation> all = new LinkedHashSet<>();
        all.add(conversation);
        Optional<Lead> lead = Optional.ofNullable(conversation.leadId()).flatMap(leads::find);
        lead.ifPresent(l -> l.conversationIds().forEach(id -> conversations.find(id).ifPresent(all::add)));

        Set<String> subjects = new LinkedHashSet<>();
        all.forEach(c -> {
            if (c.subjectId() != null) {
                subjects.add(c.subjectId());
            }
        });
        lead.ifPresent(l -> subjects.add(l.subjectId()));
        // Keys first: if anything below fails half-way, what is left is already unreadable.
        subjects.forEach(subjectKeys::destroy);

        int items = 0;
        if (lead.isPresent()) {
            items += leads.delete(lead.get().id());
        }
        for (Conversation c : all) {
            recordWithdrawals(c);
            items += conversations.delete(c.id());
        }
        return new Report(all.size(), lead.isPresent() ? 1 : 0, items, subjects.size());
    }

    /**
     * One purpose withdrawn: what was kept under it goes at once. Transcript text sealed under it is
     * deleted; the lead loses that purpose's data, and is deleted if nothing is left; once nothing of
     * the subject remains under any purpose, the subject key is destroyed as well.
     *
     * @param conversation the conversation as saved after the withdrawal
     */
    public Report erasePurpose(Conversation conversation, String purpose) {
        int items = conversations.deleteSealedText(conversation.id(), purpose);
        int leadsErased = 0;
        boolean leadHoldsData = false;
        Optional<Lead> lead = Optional.ofNullable(conversation.leadId()).flatMap(leads::find);
        if (lead.isPresent()) {
            Lead l = lead.get();
            java.util.Map<String, software.amazon.awssdk.core.SdkBytes> rest = new java.util.TreeMap<>(l.personal());
            rest.remove(purpose);
            if (rest.isEmpty()) {
                items += leads.delete(l.id());
                leadsErased = 1;
            } else {
                leads.update(new Lead(l.id(), l.subjectId(), l.conversationIds(), l.flowId(), l.flowVersion(), l.locale(),
                        l.source(), l.status(), l.owner(), l.answers(), rest, l.emailIndex(), l.phoneIndex(), l.handoff(),
                        l.createdAt(), clock.instant(), clock.instant(), l.firstContactAt(), l.expiresAt(), l.version() + 1),
                        l.version());
                leadHoldsData = true;
            }
        }
        int keys = 0;
        if (!conversation.anyGranted() && !leadHoldsData && conversation.subjectId() != null) {
            subjectKeys.destroy(conversation.subjectId());
            keys = 1;
        }
        return new Report(0, leadsErased, items, keys);
    }

    private void recordWithdrawals(Conversation c) {
        Instant now = clock.instant();
        long seq = c.turns() + 1L;
        for (Map.Entry<String, String> consent : c.consents().entrySet()) {
            if (!"granted".equals(consent.getValue())) {
                continue;
            }
            ledger.append(new ConsentRecord(c.id(), ConsentRecord.sortKey(now, consent.getKey(), seq++),
                    consent.getKey(), ConsentDecision.WITHDRAWN, c.flowId(), c.flowVersion(), c.locale(), null, null, now,
                    now.plus(retention.consentProof()).getEpochSecond()));
        }
    }
}
