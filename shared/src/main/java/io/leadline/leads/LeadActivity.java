package io.leadline.leads;

import io.leadline.consent.ConsentLedger;
import io.leadline.crypto.SubjectKeys;
import io.leadline.retention.RetentionPolicy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/**
 * Activity on a lead (a status change, a note, a returning visitor) moves its retention deadline
 * forward by its flow's retention; its subject key and its consent proof move with it, the proof
 * outliving the lead by the configured period.
 */
@Singleton
public final class LeadActivity {

    private final SubjectKeys subjectKeys;
    private final ConsentLedger ledger;
    private final LeadNotes notes;
    private final RetentionPolicy retention;
    private final Clock clock;

    @Inject
    public LeadActivity(SubjectKeys subjectKeys, ConsentLedger ledger, LeadNotes notes, RetentionPolicy retention,
                        Clock clock) {
        this.subjectKeys = subjectKeys;
        this.ledger = ledger;
        this.notes = notes;
        this.retention = retention;
        this.clock = clock;
    }

    /** The lead as it is after activity now (not saved): new last-activity time and expiry. */
    public Lead touch(Lead lead) {
        Instant now = clock.instant();
        long expiresAt = Math.max(lead.expiresAt(), lead.expiryAfterActivity(now));
        return lead.toBuilder().lastActivityAt(now).updatedAt(now).expiresAt(expiresAt).build();
    }

    /** After the touched lead is saved: keep its key, its notes and its consent proof alive as long as needed. */
    public void extendDependents(Lead lead) {
        subjectKeys.extend(lead.subjectId(), lead.expiresAt());
        notes.keepUntil(lead);
        long proofUntil = lead.expiresAt() + retention.consentProof().toSeconds();
        lead.conversationIds().forEach(id -> ledger.extend(id, proofUntil));
    }
}
