package io.leadline.leads;

import io.leadline.crypto.EncryptionContext;
import io.leadline.crypto.PersonalDataCipher;
import io.leadline.crypto.SubjectKeys;
import io.leadline.privacy.PersonalFields;
import io.leadline.storage.Ids;
import io.leadline.storage.Transaction;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkBytes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns a finished, consented conversation into a lead, personal data encrypted per purpose. */
@Singleton
public final class LeadCapture {

    /** The logical table name bound into every lead ciphertext's encryption context. */
    public static final String TABLE = "leads";

    /**
     * @param personal  personal values by consent purpose
     * @param retention how long each purpose's data is kept after the last activity
     */
    public record Request(String conversationId, String subjectId, Map<String, PersonalFields> personal,
                          Map<String, String> answers, Map<String, Duration> retention, String flowId,
                          int flowVersion, String locale, String source, boolean handoff) {
    }

    private final LeadRepository leads;
    private final PersonalDataCipher cipher;
    private final SubjectKeys subjectKeys;
    private final Ids ids;
    private final Clock clock;

    @Inject
    public LeadCapture(LeadRepository leads, PersonalDataCipher cipher, SubjectKeys subjectKeys, Ids ids, Clock clock) {
        this.leads = leads;
        this.cipher = cipher;
        this.subjectKeys = subjectKeys;
        this.ids = ids;
        this.clock = clock;
    }

    /** Stages the new lead in {@code tx} and keeps the subject's key at least as long as the lead. */
    public Lead stage(Transaction tx, Request request) {
        Instant now = clock.instant();
        String id = ids.newId();
        Duration keep = request.retention().values().stream().max(Duration::compareTo).orElseThrow();
        long expiresAt = now.plus(keep).getEpochSecond();
        Map<String, SdkBytes> sealed = new TreeMap<>();
        request.personal().forEach((purpose, fields) -> sealed.put(purpose,
                cipher.seal(new EncryptionContext(TABLE, id, purpose, request.subjectId()), fields.toJson())));
        subjectKeys.extend(request.subjectId(), expiresAt);
        Lead lead = new Lead(id, request.subjectId(), List.of(request.conversationId()), request.flowId(),
                request.flowVersion(), request.locale(), request.source(), LeadStatus.NEW, null, request.answers(),
                sealed, null, null, request.handoff(), now, now, now, null, expiresAt, 1);
        leads.stageCreate(tx, lead);
        return lead;
    }

    /** A lead's personal data, decrypted, by purpose. */
    public Map<String, PersonalFields> reveal(Lead lead) {
        Map<String, PersonalFields> out = new TreeMap<>();
        lead.personal().forEach((purpose, ciphertext) -> out.put(purpose, PersonalFields.fromJson(
                cipher.open(new EncryptionContext(TABLE, lead.id(), purpose, lead.subjectId()), ciphertext))));
        return out;
    }
}
