package io.leadline.flows.lint;

/**
 * One problem in a flow file: the file, the node (null when the whole file or flow is concerned),
 * the rule it breaks and why.
 */
public record Finding(String file, String nodeId, Rule rule, String reason) {

    public enum Rule {
        SCHEMA("schema"),
        UNKNOWN_TARGET("unknown-target"),
        UNREACHABLE("unreachable"),
        DEAD_END("dead-end"),
        CONSENT_MISSING("consent-missing"),
        LOCALES_DIFFER("locales-differ"),
        MISSING_TRANSLATION("missing-translation");

        private final String id;

        Rule(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    @Override
    public String toString() {
        return file + (nodeId == null ? "" : ": node '" + nodeId + "'") + ": [" + rule.id() + "] " + reason;
    }
}
