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
            .stringMap("answers", Lead::answers)
            .bytesMap("personal", Lead::personal)
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
                    v.string("owner"), v.stringMap("answers"), v.bytesMap("personal"), v.string("emailIndex"),
                    v.string("phoneIndex"), v.bool("handoff"), v.instant("createdAt"), v.instant("updatedAt"),
                    v.instant("lastActivityAt"), v.instant("firstContactAt"), v.number("expiresAt"),
                    v.number("version")));

    public String ownerKey() {
        return owner == null ? UNASSIGNED : owner;
    }

    @Override
    public String toString() {
        return "Lead[" + id + ", status=" + status + ", owner=" + ownerKey() + "]";
    }
}
