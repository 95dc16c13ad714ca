package io.leadline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Data stored before a fuzz run through the product's normal flows — leads captured in the chat, one
 * claimed, moved on and annotated, one assigned; a declined and an unfinished conversation — and the
 * proof afterwards that the run lost or changed none of it: every item of every table (but the
 * analytics counters, which count on) is still there byte for byte, every table reads to its end, the
 * leads and conversations read the same through the APIs, and the audit chain verifies.
 */
final class KeptData {

    private final FuzzTargets targets;
    private final List<String> leads = new ArrayList<>();
    private final List<FuzzTargets.Conversation> conversations = new ArrayList<>();
    private final Map<String, JsonNode> views = new LinkedHashMap<>();
    private Map<String, Map<String, Map<String, AttributeValue>>> items;

    private KeptData(FuzzTargets targets) {
        this.targets = targets;
    }

    /** Stores the kept data (before the fuzz pools exist) and takes the snapshot the run is held to. */
    static KeptData seed(FuzzTargets targets) {
        KeptData kept = new KeptData(targets);
        String[][] people = {
                {"Bảo Trần Giữ", "bao.kept1@example.org", "+84 28 3822 0001"},
                {"Lan Keeper", "lan.kept2@example.org", "+84 28 3822 0002"},
                {"Wei Kept", "wei.kept3@example.org", "+84 28 3822 0003"}};
        for (String[] p : people) {
            kept.conversations.add(targets.chat("website-lead", "en", "kept", "{\"choice\":\"partnership\"}",
                    "{\"consent\":{\"purpose\":\"contact\",\"granted\":true}}", FuzzTargets.text(p[0]), FuzzTargets.text(p[1]),
                    FuzzTargets.text(p[2])));
        }
        kept.conversations.add(targets.chat("website-lead", "vi", "kept", "{\"choice\":\"demo\"}",
                "{\"consent\":{\"purpose\":\"contact\",\"granted\":false}}"));
        kept.conversations.add(targets.chat("support-triage", "zh", null, "{\"choice\":\"billing\"}"));

        String admin = targets.token("admin");
        String manager = targets.token("sales-manager");
        targets.call("GET", "/api/leads?limit=100", admin, null).path("leads").forEach(l -> kept.leads.add(l.path("id").asText()));
        if (kept.leads.size() != people.length) {
            throw new AssertionError("expected " + people.length + " kept leads, found " + kept.leads);
        }
        String worked = kept.leads.get(0);
        targets.call("POST", "/api/leads/" + worked + "/claim", manager, null);
        long version = targets.call("GET", "/api/leads/" + worked, manager, null).path("version").asLong();
        targets.call("PATCH", "/api/leads/" + worked, manager, "{\"status\":\"contacted\",\"version\":" + version + "}");
        targets.call("POST", "/api/leads/" + worked + "/notes", manager, "{\"kind\":\"note\",\"text\":\"Called, wants a partnership deck\"}");
        targets.call("POST", "/api/leads/" + worked + "/notes", manager, "{\"kind\":\"complaint\",\"text\":\"Nobody answered my first call\"}");
        targets.call("POST", "/api/leads/" + kept.leads.get(1) + "/assign", manager,
                "{\"to\":\"" + targets.userId("sales-rep") + "\"}");

        kept.views.putAll(kept.read());
        kept.items = kept.snapshot();
        return kept;
    }

    Set<String> leadIds() {
        return Set.copyOf(leads);
    }

    /** What is lost or changed since the seed; empty when everything is intact. */
    List<String> verify() {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Map<String, AttributeValue>>> now = snapshot();
        items.forEach((table, before) -> {
            Map<String, Map<String, AttributeValue>> after = now.getOrDefault(table, Map.of());
            before.forEach((key, item) -> {
                if (!after.containsKey(key)) {
                    problems.add(table + ": item " + key + " is gone");
                } else if (!after.get(key).equals(item)) {
                    problems.add(table + ": item " + key + " changed: " + changedAttributes(item, after.get(key)));
                }
            });
        });
        Map<String, JsonNode> again = read();
        views.forEach((what, before) -> {
            if (!before.equals(again.get(what))) {
                problems.add(what + " reads differently: before " + before + ", after " + again.get(what));
            }
        });
        JsonNode audit = targets.call("GET", "/api/audit?limit=1", targets.token("admin"), null).path("verification");
        if (!audit.path("valid").asBoolean()) {
            problems.add("the audit chain does not verify: " + audit);
        }
        return problems;
    }

    /** Counts of the items in every table (each read to its end), for the summary. */
    Map<String, Integer> tableSizes() {
        Map<String, Integer> out = new TreeMap<>();
        for (String table : RawTables.tables(targets.product)) {
            out.put(table, RawTables.items(targets.product, table).size());
        }
        return out;
    }

    /** The kept leads as an administrator reads them, and the kept conversations as their visitors do. */
    private Map<String, JsonNode> read() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        String admin = targets.token("admin");
        for (String id : leads) {
            ObjectNode lead = (ObjectNode) targets.call("GET", "/api/leads/" + id, admin, null);
            lead.remove("overdue"); // a function of the clock
            out.put("lead " + id, lead);
        }
        for (FuzzTargets.Conversation c : conversations) {
            out.put("conversation " + c.id(), targets.call("GET", "/chat/conversations/" + c.id(), c.token(), null));
            out.put("consent receipt " + c.id(), targets.call("GET", "/chat/conversations/" + c.id() + "/consents", c.token(), null));
        }
        return out;
    }

    /** Every item of every table but the analytics counters, by table and key. */
    private Map<String, Map<String, Map<String, AttributeValue>>> snapshot() {
        Map<String, Map<String, Map<String, AttributeValue>>> out = new TreeMap<>();
        String analytics = targets.product.config().tables().analytics();
        for (String table : RawTables.tables(targets.product)) {
            if (table.equals(analytics)) {
                continue;
            }
            List<String> key = targets.product.platform().dynamo().describeTable(b -> b.tableName(table)).table().keySchema()
                    .stream().map(KeySchemaElement::attributeName).toList();
            Map<String, Map<String, AttributeValue>> byKey = new TreeMap<>();
            for (var item : RawTables.items(targets.product, table)) {
                byKey.put(key.stream().map(k -> k + "=" + describe(item.get(k))).collect(Collectors.joining(",")), item);
            }
            out.put(table, byKey);
        }
        return out;
    }

    private static String describe(AttributeValue v) {
        return v == null ? "-" : v.s() != null ? v.s() : v.n() != null ? v.n() : String.valueOf(v);
    }

    private static Set<String> changedAttributes(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        Set<String> names = new java.util.TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        names.removeIf(n -> java.util.Objects.equals(before.get(n), after.get(n)));
        return names;
    }
}
