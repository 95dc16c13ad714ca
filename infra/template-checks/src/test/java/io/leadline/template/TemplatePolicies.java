package io.leadline.template;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The IAM statements of template.yaml as the checks read them: each function's inline policy statements
 * (SAM's Policies, written out in full: a SAM policy template or a managed policy would hide what it
 * grants, so none is accepted) and the personal-data key's policy.
 */
final class TemplatePolicies {

    private TemplatePolicies() {
    }

    /** Every Allow statement of a function's Policies. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(CfnTemplate template, String function) {
        Map<String, Object> resource = template.resources().get(function);
        if (resource == null) {
            throw new AssertionError("no function " + function + " in the template");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object policy : (List<Object>) CfnTemplate.properties(resource).getOrDefault("Policies", List.of())) {
            if (!(policy instanceof Map<?, ?> doc) || !doc.containsKey("Statement")) {
                throw new AssertionError(function + ": a policy that is not written out as statements: " + policy);
            }
            for (Map<String, Object> statement : (List<Map<String, Object>>) doc.get("Statement")) {
                if (!"Allow".equals(statement.get("Effect"))) {
                    throw new AssertionError(function + ": only Allow statements are expected: " + statement);
                }
                out.add(statement);
            }
        }
        return out;
    }

    static List<String> actions(Map<String, Object> statement) {
        Object a = statement.get("Action");
        List<String> out = new ArrayList<>();
        for (Object action : a instanceof List<?> l ? l : List.of(a)) {
            out.add(String.valueOf(action));
        }
        return out;
    }

    static List<Object> resources(Map<String, Object> statement) {
        Object r = statement.get("Resource");
        return r instanceof List<?> l ? new ArrayList<>(l) : List.of(r);
    }

    /** Actions in the function's statements that start with {@code prefix}. */
    static Set<String> roleActions(CfnTemplate template, String function, String prefix) {
        Set<String> out = new TreeSet<>();
        statements(template, function).forEach(s -> actions(s).stream().filter(a -> a.startsWith(prefix)).forEach(out::add));
        return out;
    }

    /** The distinct resources of the statements that hold an action starting with {@code actionPrefix}. */
    static List<Object> resourcesOf(CfnTemplate template, String function, String actionPrefix) {
        Set<Object> out = new LinkedHashSet<>();
        statements(template, function).stream()
                .filter(s -> actions(s).stream().anyMatch(a -> a.startsWith(actionPrefix)))
                .forEach(s -> out.addAll(resources(s)));
        return new ArrayList<>(out);
    }

    /**
     * DynamoDB grants on tables and their indexes as "action TableResource" or "action TableResource/index/*".
     * Stream grants (a table's StreamArn) are not table grants and are left out.
     */
    @SuppressWarnings("unchecked")
    static Set<String> dynamoDbTableGrants(CfnTemplate template, String function) {
        Set<String> out = new TreeSet<>();
        for (Map<String, Object> statement : statements(template, function)) {
            for (Object resource : resources(statement)) {
                String target;
                if (resource instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> att) {
                    if ("StreamArn".equals(att.get(1))) {
                        continue;
                    }
                    if (!"Arn".equals(att.get(1))) {
                        throw new AssertionError(function + ": unexpected resource " + resource);
                    }
                    target = (String) att.get(0);
                } else if (resource instanceof Map<?, ?> m && m.get("Fn::Sub") instanceof String sub
                        && sub.matches("\\$\\{\\w+\\.Arn}/index/\\*")) {
                    target = sub.substring(2, sub.indexOf('.')) + "/index/*";
                } else {
                    throw new AssertionError(function + ": a resource the checks cannot read: " + resource);
                }
                String table = target.split("/")[0];
                if (!"AWS::DynamoDB::Table".equals(template.resources().get(table).get("Type"))) {
                    continue;
                }
                for (String action : actions(statement)) {
                    if (!action.startsWith("dynamodb:")) {
                        throw new AssertionError(function + ": " + action + " on a table");
                    }
                    out.add(action + " " + target);
                }
            }
        }
        return out;
    }

    static Set<String> dynamoDbTableActions(CfnTemplate template, String function) {
        Set<String> out = new TreeSet<>();
        dynamoDbTableGrants(template, function).forEach(g -> out.add(g.split(" ")[0]));
        return out;
    }

    /** DataKey's key policy: which function role may do what (statements naming the account root are administration). */
    @SuppressWarnings("unchecked")
    static Map<String, Set<String>> dataKeyUseByRole(CfnTemplate template) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Map<String, Object> statement : keyPolicyStatements(template, "DataKey")) {
            Object principal = ((Map<String, Object>) statement.get("Principal")).get("AWS");
            for (Object p : principal instanceof List<?> l ? l : List.of(principal)) {
                if (p instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> att && "Arn".equals(att.get(1))) {
                    out.computeIfAbsent((String) att.get(0), k -> new TreeSet<>()).addAll(actions(statement));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> keyPolicyStatements(CfnTemplate template, String key) {
        Map<String, Object> policy = (Map<String, Object>) CfnTemplate.properties(template.resources().get(key)).get("KeyPolicy");
        return (List<Map<String, Object>>) policy.get("Statement");
    }
}
