package io.leadline.flows;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One flow in one locale, as loaded from {@code flows/<id>.<locale>.yaml}.
 *
 * @param retention   how long what is collected under each consent purpose is kept after the last activity
 * @param messages    overrides of the engine's system messages for this flow
 * @param followUpWithin how soon its leads must be contacted before they show as overdue
 */
public record Flow(
        String id,
        int version,
        String locale,
        String title,
        String controller,
        String privacyUrl,
        Map<String, Duration> retention,
        Map<String, Field> fields,
        String start,
        Map<String, Node> nodes,
        Map<String, String> messages,
        Optional<BusinessHours> businessHours,
        Duration followUpWithin) {

    /** A lead not contacted within this time shows as overdue, unless the flow says otherwise. */
    public static final Duration DEFAULT_FOLLOW_UP = Duration.ofHours(24);

    public Node node(String id) {
        Node node = nodes.get(id);
        if (node == null) {
            throw new IllegalStateException("flow " + this.id + " has no node " + id);
        }
        return node;
    }

    public Optional<Field> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public Duration retentionFor(String purpose, Duration fallback) {
        return retention.getOrDefault(purpose, fallback);
    }

    @Override
    public String toString() {
        return "Flow[" + id + " v" + version + " " + locale + "]";
    }
}
