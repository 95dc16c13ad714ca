package io.leadline.conversations;

import io.leadline.storage.ItemSchema;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

import java.time.Instant;
import java.util.Map;

/**
 * A visitor's chat. Holds where the flow stands and what was answered; personal answers only as
 * ciphertext under the subject's key, one message per consent purpose ({@code personal}: purpose →
 * ciphertext), and only once that purpose was granted.
 *
 * @param tokenHash   SHA-256 of the visitor's bearer token; the token itself is never stored
 * @param answers     non-personal answers (choices), plain for queries and analytics
 * @param consents    purpose → granted | declined | withdrawn
 * @param keyExpiresAt when the subject key expires, so turns extend it only when needed
 * @param recentTurns clientMessageId → transcript sequence, for idempotent retries
 */
public record Conversation(
        String id,
        String tokenHash,
        String flowId,
        int flowVersion,
        String locale,
        String source,
        String nodeId,
        ConversationStatus status,
        Map<String, String> answers,
        Map<String, SdkBytes> personal,
        String subjectId,
        long keyExpiresAt,
        Map<String, String> consents,
        int retries,
        int turns,
        Map<String, Long> recentTurns,
        String leadId,
        Instant createdAt,
        Instant updatedAt,
        long expiresAt,
        long version) {

    /** Sort key of the conversation item; transcript entries share its partition. */
    public static final String SORT_KEY = "conversation";

    static final TableSchema<Conversation> SCHEMA = ItemSchema.of(Conversation.class)
            .partitionKey("id", Conversation::id)
            .sortKey("sk", c -> SORT_KEY)
            .string("tokenHash", Conversation::tokenHash)
            .string("flowId", Conversation::flowId)
            .integer("flowVersion", Conversation::flowVersion)
            .string("locale", Conversation::locale)
            .string("source", Conversation::source)
            .string("nodeId", Conversation::nodeId)
            .string("status", c -> c.status().name())
            .stringMap("answers", Conversation::answers)
            .bytesMap("personal", Conversation::personal)
            .string("subjectId", Conversation::subjectId)
            .number("keyExpiresAt", Conversation::keyExpiresAt)
            .stringMap("consents", Conversation::consents)
            .integer("retries", Conversation::retries)
            .integer("turns", Conversation::turns)
            .numberMap("recentTurns", Conversation::recentTurns)
            .string("leadId", Conversation::leadId)
            .instant("createdAt", Conversation::createdAt)
            .instant("updatedAt", Conversation::updatedAt)
            .expiry(Conversation::expiresAt)
            .number("version", Conversation::version)
            .build(v -> new Conversation(v.string("id"), v.string("tokenHash"), v.string("flowId"),
                    v.integer("flowVersion"), v.string("locale"), v.string("source"), v.string("nodeId"),
                    ConversationStatus.valueOf(v.string("status", "ACTIVE")), v.stringMap("answers"),
                    v.bytesMap("personal"), v.string("subjectId"), v.number("keyExpiresAt"), v.stringMap("consents"), v.integer("retries"),
                    v.integer("turns"), v.numberMap("recentTurns"), v.string("leadId"), v.instant("createdAt"),
                    v.instant("updatedAt"), v.number("expiresAt"), v.number("version")));

    public boolean granted(String purpose) {
        return "granted".equals(consents.get(purpose));
    }

    public boolean anyGranted() {
        return consents.containsValue("granted");
    }

    @Override
    public String toString() {
        return "Conversation[" + id + ", flow=" + flowId + ", node=" + nodeId + ", status=" + status + "]";
    }
}
