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
 * @param emailIndex  blind index of the e-mail given (for data-subject look-ups), or null
 * @param phoneIndex  blind index of the phone number given, or null
 * @param recentTurns clientMessageId → transcript sequence, for idempotent retries
 * @param botSignal   why the conversation was judged automated (such as "honeypot"), or null for a person:
 *                    an automated conversation gets the usual answers, but nothing personal is kept and
 *                    its consent answers only steer the flow (no consent proof is recorded)
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
        String emailIndex,
        String phoneIndex,
        Map<String, String> consents,
        int retries,
        int turns,
        Map<String, Long> recentTurns,
        String leadId,
        String botSignal,
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
            .indexKey("byEmailIndex", "emailIndex", Conversation::emailIndex)
            .indexKey("byPhoneIndex", "phoneIndex", Conversation::phoneIndex)
            .stringMap("consents", Conversation::consents)
            .integer("retries", Conversation::retries)
            .integer("turns", Conversation::turns)
            .numberMap("recentTurns", Conversation::recentTurns)
            .string("leadId", Conversation::leadId)
            .string("botSignal", Conversation::botSignal)
            .instant("createdAt", Conversation::createdAt)
            .instant("updatedAt", Conversation::updatedAt)
            .expiry(Conversation::expiresAt)
            .number("version", Conversation::version)
            .build(v -> new Conversation(v.string("id"), v.string("tokenHash"), v.string("flowId"),
                    v.integer("flowVersion"), v.string("locale"), v.string("source"), v.string("nodeId"),
                    ConversationStatus.valueOf(v.string("status", "ACTIVE")), v.stringMap("answers"),
                    v.bytesMap("personal"), v.string("subjectId"), v.number("keyExpiresAt"), v.string("emailIndex"), v.string("phoneIndex"), v.stringMap("consents"), v.integer("retries"),
                    v.integer("turns"), v.numberMap("recentTurns"), v.string("leadId"), v.string("botSignal"), v.instant("createdAt"),
                    v.instant("updatedAt"), v.number("expiresAt"), v.number("version")));

    public boolean granted(String purpose) {
        return "granted".equals(consents.get(purpose));
    }

    public boolean anyGranted() {
        return consents.containsValue("granted");
    }

    /** A changed copy: {@code conversation.toBuilder().updatedAt(now).build()}. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.tokenHash = tokenHash;
        b.flowId = flowId;
        b.flowVersion = flowVersion;
        b.locale = locale;
        b.source = source;
        b.nodeId = nodeId;
        b.status = status;
        b.answers = answers;
        b.personal = personal;
        b.subjectId = subjectId;
        b.keyExpiresAt = keyExpiresAt;
        b.emailIndex = emailIndex;
        b.phoneIndex = phoneIndex;
        b.consents = consents;
        b.retries = retries;
        b.turns = turns;
        b.recentTurns = recentTurns;
        b.leadId = leadId;
        b.botSignal = botSignal;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        b.expiresAt = expiresAt;
        b.version = version;
        return b;
    }

    /** Mutable companion of the record, for copies with a few components changed. */
    public static final class Builder {
        private String id;
        private String tokenHash;
        private String flowId;
        private int flowVersion;
        private String locale;
        private String source;
        private String nodeId;
        private ConversationStatus status;
        private Map<String, String> answers;
        private Map<String, SdkBytes> personal;
        private String subjectId;
        private long keyExpiresAt;
        private String emailIndex;
        private String phoneIndex;
        private Map<String, String> consents;
        private int retries;
        private int turns;
        private Map<String, Long> recentTurns;
        private String leadId;
        private String botSignal;
        private Instant createdAt;
        private Instant updatedAt;
        private long expiresAt;
        private long version;

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder tokenHash(String value) {
            this.tokenHash = value;
            return this;
        }

        public Builder flowId(String value) {
            this.flowId = value;
            return this;
        }

        public Builder flowVersion(int value) {
            this.flowVersion = value;
            return this;
        }

        public Builder locale(String value) {
            this.locale = value;
            return this;
        }

        public Builder source(String value) {
            this.source = value;
            return this;
        }

        public Builder nodeId(String value) {
            this.nodeId = value;
            return this;
        }

        public Builder status(ConversationStatus value) {
            this.status = value;
            return this;
        }

        public Builder answers(Map<String, String> value) {
            this.answers = value;
            return this;
        }

        public Builder personal(Map<String, SdkBytes> value) {
            this.personal = value;
            return this;
        }

        public Builder subjectId(String value) {
            this.subjectId = value;
            return this;
        }

        public Builder keyExpiresAt(long value) {
            this.keyExpiresAt = value;
            return this;
        }

        public Builder emailIndex(String value) {
            this.emailIndex = value;
            return this;
        }

        public Builder phoneIndex(String value) {
            this.phoneIndex = value;
            return this;
        }

        public Builder consents(Map<String, String> value) {
            this.consents = value;
            return this;
        }

        public Builder retries(int value) {
            this.retries = value;
            return this;
        }

        public Builder turns(int value) {
            this.turns = value;
            return this;
        }

        public Builder recentTurns(Map<String, Long> value) {
            this.recentTurns = value;
            return this;
        }

        public Builder leadId(String value) {
            this.leadId = value;
            return this;
        }

        public Builder botSignal(String value) {
            this.botSignal = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            this.createdAt = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            this.updatedAt = value;
            return this;
        }

        public Builder expiresAt(long value) {
            this.expiresAt = value;
            return this;
        }

        public Builder version(long value) {
            this.version = value;
            return this;
        }

        public Conversation build() {
            return new Conversation(id, tokenHash, flowId, flowVersion, locale, source, nodeId, status, answers, personal, subjectId, keyExpiresAt, emailIndex, phoneIndex, consents, retries, turns, recentTurns, leadId, botSignal, createdAt, updatedAt, expiresAt, version);
        }
    }

    @Override
    public String toString() {
        return "Conversation[" + id + ", flow=" + flowId + ", node=" + nodeId + ", status=" + status + "]";
    }
}
