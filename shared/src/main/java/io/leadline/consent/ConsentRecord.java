package io.leadline.consent;

import io.leadline.storage.ItemSchema;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

import java.time.Instant;

/**
 * Proof of one consent answer or withdrawal: who (the pseudonymous conversation id), when, which
 * purpose, what was shown (the exact text in canonical form, with flow id and version, and its
 * SHA-256), the locale and the answer. Append-only, and it never holds personal data. The shown text
 * is kept so the visitor's receipt can be reproduced whatever later versions of the flow say.
 */
public record ConsentRecord(
        String conversationId,
        String sk,
        String purpose,
        ConsentDecision decision,
        String flowId,
        int flowVersion,
        String locale,
        String textSha256,
        String shownText,
        Instant recordedAt,
        long expiresAt) {

    static final TableSchema<ConsentRecord> SCHEMA = ItemSchema.of(ConsentRecord.class)
            .partitionKey("conversationId", ConsentRecord::conversationId)
            .sortKey("sk", ConsentRecord::sk)
            .string("purpose", ConsentRecord::purpose)
            .string("decision", r -> r.decision().name())
            .string("flowId", ConsentRecord::flowId)
            .integer("flowVersion", ConsentRecord::flowVersion)
            .string("locale", ConsentRecord::locale)
            .string("textSha256", ConsentRecord::textSha256)
            .string("shownText", ConsentRecord::shownText)
            .instant("recordedAt", ConsentRecord::recordedAt)
            .expiry(ConsentRecord::expiresAt)
            .build(v -> new ConsentRecord(v.string("conversationId"), v.string("sk"), v.string("purpose"),
                    ConsentDecision.valueOf(v.string("decision")), v.string("flowId"), v.integer("flowVersion"),
                    v.string("locale"), v.string("textSha256"), v.string("shownText"), v.instant("recordedAt"), v.number("expiresAt")));

    /** Sort key: time first so a conversation's proof reads in order; sequence makes it unique. */
    public static String sortKey(Instant at, String purpose, long seq) {
        return at + "#" + purpose + "#" + String.format("%06d", seq);
    }
}
