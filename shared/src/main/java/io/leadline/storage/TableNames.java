package io.leadline.storage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One table per responsibility, so each function's IAM policy can name only the tables it needs. */
public record TableNames(
        String conversations,
        String leads,
        String consent,
        String audit,
        String analytics,
        String keys,
        String events) {

    /** Every table, by its logical name (as audit entries and reports name it): the one list of them. */
    public Map<String, String> byLogicalName() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("conversations", conversations);
        out.put("leads", leads);
        out.put("consent", consent);
        out.put("audit", audit);
        out.put("analytics", analytics);
        out.put("keys", keys);
        out.put("events", events);
        return out;
    }

    /** Every table's name. */
    public List<String> all() {
        return List.copyOf(byLogicalName().values());
    }
}
