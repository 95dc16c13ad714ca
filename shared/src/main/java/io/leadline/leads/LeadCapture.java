package io.leadline.leads;

import io.leadline.crypto.BlindIndex;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a finished, consented conversation into a lead, personal data encrypted per purpose. A
 * returning visitor (same e-mail, or same phone, by blind index) is attached to their existing lead
 * instead of becoming a duplicate: the lead gets the new conversation and the newer details.
 */
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

    /** The lead written, and whether it already existed (a returning visitor). */
    public record Capture(Lead lead, boolean attached) {
    }

    private final LeadRepository leads;
    private final PersonalDataCipher cipher;
    private final SubjectKeys subjectKeys;
    private final BlindIndex blindIndex;
    private final Ids ids;
    private final Clock clock;

    @Inject
    public LeadCapture(LeadRepository leads, PersonalDataCipher cipher, SubjectKeys subjectKeys, BlindIndex blindIndex,
                       Ids ids, Clock clock) {
        this.leads = leads;
        this.cipher = cipher;
        this.subjectKeys = subjectKeys;
        this.blindIndex = blindIndex;
        this.ids = ids;
        this.clock = clock;
    }

    /** Stages the new or updated lead in {@code tx}; keeps the subject's key at least as long as the lead. */
    public Capture stage(Transaction tx, Request request) {
        Instant now = clock.instant();
        Optional<String> email = field(request, "email").map(blindIndex::email);
        Optional<String> phone = field(request, "phone").map(blindIndex::phone);
        Optional<Lead> existing = email.flatMap(i -> leads.byEmailIndex(i).stream().findFirst())
                .or(() -> phone.flatMap(i -> leads.byPhoneIndex(i).stream().findFirst()));
        Map<String, Long> retention = new TreeMap<>();
        request.retention().forEach((purpose, d) -> retention.put(purpose, d.toSeconds()));
        if (existing.isPresent()) {
            return new Capture(attach(tx, existing.get(), request, retention, email, phone, now), true);
        }
        String id = ids.newId();
        Map<String, SdkBytes> sealed = new TreeMap<>();
        request.personal().forEach((purpose, fields) -> sealed.put(purpose,
                cipher.seal(context(id, purpose, request.subjectId()), fields.toJson())));
        Lead lead = new Lead(id, request.subjectId(), List.of(request.conversationId()), request.flowId(),
                request.flowVersion(), request.locale(), request.source(), LeadStatus.NEW, null, request.answers(),
                sealed, retention, email.orElse(null), phone.orElse(null), request.handoff(), now, now, now, null, 0, 1);
        lead = lead.toBuilder().expiresAt(lead.expiryAfterActivity(now)).build();
        subjectKeys.extend(request.subjectId(), lead.expiresAt());
        leads.stageCreate(tx, lead);
        return new Capture(lead, false);
    }

    private Lead attach(Transaction tx, Lead lead, Request request, Map<String, Long> retention,
                        Optional<String> email, Optional<String> phone, Instant now) {
        Map<String, SdkBytes> sealed = new TreeMap<>(lead.personal());
        Map<String, PersonalFields> current = reveal(lead);
        request.personal().forEach((purpose, fresh) -> {
            PersonalFields merged = current.getOrDefault(purpose, PersonalFields.empty());
            for (Map.Entry<String, String> e : fresh.reveal().entrySet()) {
                merged = merged.with(e.getKey(), e.getValue());
            }
            sealed.put(purpose, cipher.seal(context(lead.id(), purpose, lead.subjectId()), merged.toJson()));
        });
        Map<String, Long> keep = new TreeMap<>(lead.retentionSeconds());
        retention.forEach((purpose, seconds) -> keep.merge(purpose, seconds, Math::max));
        List<String> conversations = new ArrayList<>(lead.conversationIds());
        if (!conversations.contains(request.conversationId())) {
            conversations.add(request.conversationId());
        }
        Map<String, String> answers = new HashMap<>(lead.answers());
        answers.putAll(request.answers());
        Lead updated = lead.toBuilder()
                .personal(sealed)
                .retentionSeconds(keep)
                .conversationIds(conversations)
                .answers(answers)
                .emailIndex(email.orElse(lead.emailIndex()))
                .phoneIndex(phone.orElse(lead.phoneIndex()))
                .handoff(lead.handoff() || request.handoff())
                .updatedAt(now)
                .lastActivityAt(now)
                .version(lead.version() + 1)
                .build();
        updated = updated.toBuilder().expiresAt(Math.max(lead.expiresAt(), updated.expiryAfterActivity(now))).build();
        subjectKeys.extend(lead.subjectId(), updated.expiresAt());
        leads.stageSave(tx, updated, lead.version());
        return updated;
    }

    /** A lead's personal data, decrypted, by purpose. */
    public Map<String, PersonalFields> reveal(Lead lead) {
        Map<String, PersonalFields> out = new TreeMap<>();
        lead.personal().forEach((purpose, ciphertext) -> out.put(purpose, PersonalFields.fromJson(
                cipher.open(context(lead.id(), purpose, lead.subjectId()), ciphertext))));
        return out;
    }

    private static Optional<String> field(Request request, String name) {
        return request.personal().values().stream().map(p -> p.get(name)).flatMap(Optional::stream).findFirst();
    }

    private static EncryptionContext context(String leadId, String purpose, String subjectId) {
        return new EncryptionContext(TABLE, leadId, purpose, subjectId);
    }
}
