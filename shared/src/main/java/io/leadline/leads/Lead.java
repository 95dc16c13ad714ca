package io.leadline.leads;

import io.leadline.storage.ItemSchema;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A captured lead. It belongs to the company: {@code owner} is who works it now (null while
 * unassigned). Personal data (name, email, phone) sits only in {@code personal}, encrypted under
 * the subject's key and bound to this record, one message per consent purpose it was collected
 * under; {@code emailIndex}/{@code phoneIndex} are keyed blind indexes for duplicate detection,
 * never the values.
 *
 * @param answers   non-personal answers from the flow (for example the visitor's interest)
 * @param retentionSeconds how long each purpose's data is kept after the last activity (from the flow)
 * @param ownerKey  owner id, or {@value #UNASSIGNED}, for the by-owner index
 */
public record Lead(
        String id,
        String subjectId,
        List<String> conversationIds,
        String flowId,
        int flowVersion,
        String locale,
        String source,
        LeadStatus status,
        String owner,
        Map<String, String> answers,
        Map<String, SdkBytes> personal,
        Map<String, Long> retentionSeconds,
        String emailIndex,
        String phoneIndex,
        boolean handoff,
        Instant createdAt,
        Instant updatedAt,
        Instant lastActivityAt,
        Instant firstContactAt,
        long expiresAt,
        long version) {

    public static final String SORT_KEY = "lead";
    public static final String UNASSIGNED = "unassigned";
    /** Every lead item carries kind=lead: the partition of the by-creation index that lists them. */
    public static final String KIND = "lead";

    static final TableSchema<Lead> SCHEMA = ItemSchema.of(Lead.class)
            .partitionKey("id", Lead::id)
            .sortKey("sk", l -> SORT_KEY)
            .string("subjectId", Lead::subjectId)
            .stringList("conversationIds", Lead::conversationIds)
            .string("flowId", Lead::flowId)
            .integer("flowVersion", Lead::flowVersion)
            .string("locale", Lead::locale)
            .string("source", Lead::source)
            .string("status", l -> l.status().name())
            .string("owner", Lead::owner)
            .indexKey("byOwner", "ownerKey", Lead::ownerKey)
            .indexKey("byCreated", "kind", l -> KIND)
            .stringMap("answers", Lead::answers)
            .bytesMap("personal", Lead::personal)
            .numberMap("retentionSeconds", Lead::retentionSeconds)
            .indexKey("byEmailIndex", "emailIndex", Lead::emailIndex)
            .indexKey("byPhoneIndex", "phoneIndex", Lead::phoneIndex)
            .bool("handoff", Lead::handoff)
            .instant("createdAt", Lead::createdAt)
            .instant("updatedAt", Lead::updatedAt)
            .instant("lastActivityAt", Lead::lastActivityAt)
            .instant("firstContactAt", Lead::firstContactAt)
            .expiry(Lead::expiresAt)
            .number("version", Lead::version)
            .build(v -> new Lead(v.string("id"), v.string("subjectId"),
                    v.stringList("conversationIds"), v.string("flowId"), v.integer("flowVersion"),
                    v.string("locale"), v.string("source"), LeadStatus.valueOf(v.string("status", "NEW")),
                    v.string("owner"), v.stringMap("answers"), v.bytesMap("personal"), v.numberMap("retentionSeconds"), v.string("emailIndex"),
                    v.string("phoneIndex"), v.bool("handoff"), v.instant("createdAt"), v.instant("updatedAt"),
                    v.instant("lastActivityAt"), v.instant("firstContactAt"), v.number("expiresAt"),
                    v.number("version")));

    /** When this lead expires if it is active now: its longest purpose retention from now. */
    public long expiryAfterActivity(java.time.Instant now) {
        long keep = retentionSeconds.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return now.getEpochSecond() + keep;
    }

    public String ownerKey() {
        return owner == null ? UNASSIGNED : owner;
    }

    /** A changed copy: {@code lead.toBuilder().updatedAt(now).build()}. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.subjectId = subjectId;
        b.conversationIds = conversationIds;
        b.flowId = flowId;
        b.flowVersion = flowVersion;
        b.locale = locale;
        b.source = source;
        b.status = status;
        b.owner = owner;
        b.answers = answers;
        b.personal = personal;
        b.retentionSeconds = retentionSeconds;
        b.emailIndex = emailIndex;
        b.phoneIndex = phoneIndex;
        b.handoff = handoff;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        b.lastActivityAt = lastActivityAt;
        b.firstContactAt = firstContactAt;
        b.expiresAt = expiresAt;
        b.version = version;
        return b;
    }

    /** Mutable companion of the record, for copies with a few components changed. */
    public static final class Builder {
        private String id;
        private String subjectId;
        private List<String> conversationIds;
        private String flowId;
        private int flowVersion;
        private String locale;
        private String source;
        private LeadStatus status;
        private String owner;
        private Map<String, String> answers;
        private Map<String, SdkBytes> personal;
        private Map<String, Long> retentionSeconds;
        private String emailIndex;
        private String phoneIndex;
        private boolean handoff;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant lastActivityAt;
        private Instant firstContactAt;
        private long expiresAt;
        private long version;

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder subjectId(String value) {
            this.subjectId = value;
            return this;
        }

        public Builder conversationIds(List<String> value) {
            this.conversationIds = value;
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

        public Builder status(LeadStatus value) {
            this.status = value;
            return this;
        }

        public Builder owner(String value) {
            this.owner = value;
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

        public Builder retentionSeconds(Map<String, Long> value) {
            this.retentionSeconds = value;
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

        public Builder handoff(boolean value) {
            this.handoff = value;
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

        public Builder lastActivityAt(Instant value) {
            this.lastActivityAt = value;
            return this;
        }

        public Builder firstContactAt(Instant value) {
            this.firstContactAt = value;
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

        public Lead build() {
            return new Lead(id, subjectId, conversationIds, flowId, flowVersion, locale, source, status, owner, answers, personal, retentionSeconds, emailIndex, phoneIndex, handoff, createdAt, updatedAt, lastActivityAt, firstContactAt, expiresAt, version);
        }
    }

    @Override
    public String toString() {
        return "Lead[" + id + ", status=" + status + ", owner=" + ownerKey() + "]";
    }
}
