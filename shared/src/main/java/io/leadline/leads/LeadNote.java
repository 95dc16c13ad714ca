package io.leadline.leads;

import io.leadline.storage.ItemSchema;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

import java.time.Instant;

/**
 * A note or complaint on a lead, kept beside it in the lead's partition. Append-only: there is no
 * way to change or delete one (a complaint stays, whoever wrote it), except erasing the whole lead for
 * its data subject. The text is encrypted under the lead's subject key.
 *
 * @param kind note | complaint
 */
public record LeadNote(String leadId, String sk, String noteId, String kind, String authorId, SdkBytes text,
                       Instant createdAt, long expiresAt) {

    public static final String PREFIX = "note#";
    public static final String NOTE = "note";
    public static final String COMPLAINT = "complaint";

    static final TableSchema<LeadNote> SCHEMA = ItemSchema.of(LeadNote.class)
            .partitionKey("id", LeadNote::leadId)
            .sortKey("sk", LeadNote::sk)
            .string("noteId", LeadNote::noteId)
            .string("noteKind", LeadNote::kind)
            .string("authorId", LeadNote::authorId)
            .bytes("text", LeadNote::text)
            .instant("createdAt", LeadNote::createdAt)
            .expiry(LeadNote::expiresAt)
            .build(v -> new LeadNote(v.string("id"), v.string("sk"), v.string("noteId"), v.string("noteKind"),
                    v.string("authorId"), v.bytes("text"), v.instant("createdAt"), v.number("expiresAt")));

    public static String sortKey(Instant at, String noteId) {
        return PREFIX + at + "#" + noteId;
    }

    @Override
    public String toString() {
        return "LeadNote[" + leadId + "/" + noteId + ", " + kind + "]";
    }
}
