package io.leadline.conversations;

import io.leadline.storage.ItemSchema;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

import java.time.Instant;

/**
 * One turn of a conversation: what the visitor sent and what the bot answered.
 * Visitor text is kept redacted before consent ({@code inputRedacted}, short retention) and
 * encrypted after ({@code inputSealed}). The bot's reply never contains visitor data, so it is plain;
 * it is kept to answer a retried request with exactly the same reply.
 *
 * @param inputKind text | choice | consent | start
 * @param input     the choice id or consent answer (not personal); empty for text
 */
public record TranscriptEntry(
        String conversationId,
        long seq,
        String clientMessageId,
        String inputKind,
        String input,
        String inputRedacted,
        SdkBytes inputSealed,
        String reply,
        Instant at,
        long expiresAt) {

    static final String PREFIX = "turn#";

    static final TableSchema<TranscriptEntry> SCHEMA = ItemSchema.of(TranscriptEntry.class)
            .partitionKey("id", TranscriptEntry::conversationId)
            .sortKey("sk", TranscriptEntry::sortKey)
            .number("seq", TranscriptEntry::seq)
            .string("clientMessageId", TranscriptEntry::clientMessageId)
            .string("inputKind", TranscriptEntry::inputKind)
            .string("input", TranscriptEntry::input)
            .string("inputRedacted", TranscriptEntry::inputRedacted)
            .bytes("inputSealed", TranscriptEntry::inputSealed)
            .string("reply", TranscriptEntry::reply)
            .instant("at", TranscriptEntry::at)
            .expiry(TranscriptEntry::expiresAt)
            .build(v -> new TranscriptEntry(v.string("id"), v.number("seq"), v.string("clientMessageId"),
                    v.string("inputKind"), v.string("input"), v.string("inputRedacted"), v.bytes("inputSealed"),
                    v.string("reply"), v.instant("at"), v.number("expiresAt")));

    public static String sortKey(long seq) {
        return PREFIX + String.format("%06d", seq);
    }

    public String sortKey() {
        return sortKey(seq);
    }

    @Override
    public String toString() {
        return "TranscriptEntry[" + conversationId + "#" + seq + ", " + inputKind + "]";
    }
}
