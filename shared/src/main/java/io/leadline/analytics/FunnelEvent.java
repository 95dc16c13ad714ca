package io.leadline.analytics;

import io.leadline.storage.ItemSchema;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * One funnel event, as stored in the events table (whose stream feeds the counters). The cohort day
 * is the day the visitor's conversation (or lead) began, so every later step of that visitor — contact,
 * win — counts toward the day they arrived and a funnel over a date range follows the same people.
 *
 * @param node                 for NODE_REACHED: the node reached; {@code previousNode} the one left (or null)
 * @param minutesToFirstContact for CONTACTED: minutes from capture to first contact; otherwise 0
 */
public record FunnelEvent(String id, FunnelEventType type, LocalDate cohortDay, String flowId, String locale,
                          String source, String node, String previousNode, long minutesToFirstContact,
                          Instant at, long expiresAt) {

    /** A campaign source such as "google/cpc" or "newsletter-2026-11": no room for an address or a name. */
    public static final Pattern SOURCE = Pattern.compile("^[A-Za-z0-9._~/-]{1,100}$");

    public FunnelEvent {
        if (id == null || type == null || cohortDay == null || flowId == null || at == null) {
            throw new IllegalArgumentException("a funnel event needs an id, a type, a day, a flow and a time");
        }
    }

    static final TableSchema<FunnelEvent> SCHEMA = ItemSchema.of(FunnelEvent.class)
            .partitionKey("id", FunnelEvent::id)
            .string("type", e -> e.type().wire())
            .string("day", e -> e.cohortDay().toString())
            .string("flowId", FunnelEvent::flowId)
            .string("locale", FunnelEvent::locale)
            .string("source", FunnelEvent::source)
            .string("node", FunnelEvent::node)
            .string("previousNode", FunnelEvent::previousNode)
            .number("minutesToFirstContact", e -> e.minutesToFirstContact() == 0 ? null : e.minutesToFirstContact())
            .instant("at", FunnelEvent::at)
            .expiry(FunnelEvent::expiresAt)
            .build(v -> new FunnelEvent(v.string("id"),
                    FunnelEventType.ofWire(v.string("type")).orElseThrow(() -> new IllegalArgumentException("unknown event type")),
                    LocalDate.parse(v.string("day")), v.string("flowId"), v.string("locale"), v.string("source"),
                    v.string("node"), v.string("previousNode"), v.number("minutesToFirstContact"), v.instant("at"),
                    v.number("expiresAt")));

    public static TableSchema<FunnelEvent> schema() {
        return SCHEMA;
    }

    public FunnelEvent withNode(String reached, String left) {
        return new FunnelEvent(id, type, cohortDay, flowId, locale, source, reached, left, minutesToFirstContact, at, expiresAt);
    }

    public FunnelEvent withMinutesToFirstContact(long minutes) {
        return new FunnelEvent(id, type, cohortDay, flowId, locale, source, node, previousNode, minutes, at, expiresAt);
    }
}
