package io.leadline.template;

import io.leadline.chat.ChatRoutes;
import io.leadline.config.LeadlineConfig;
import io.leadline.http.HttpRoute;
import io.leadline.storage.TableSpec;
import io.leadline.storage.TableSpecs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** template.yaml agrees with the code: tables as the repositories expect them, routes as the functions serve them. */
class SamTemplateTest {

    private static CfnTemplate template;

    @BeforeAll
    static void load() throws Exception {
        template = CfnTemplate.load();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyTableTheCodeUsesExistsWithItsKeysIndexesTtlEncryptionAndBackups() {
        Map<String, Map<String, Object>> tables = template.resourcesOfType("AWS::DynamoDB::Table");
        Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) template.globals("Function")
                .get("Environment")).get("Variables");
        // The code's table names come from these variables; map each variable to its resource.
        Map<String, String> variableToResource = new HashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("LEADLINE_TABLE_") && v instanceof Map<?, ?> ref) {
                variableToResource.put(k, (String) ref.get("Ref"));
            }
        });
        Map<String, String> resourceForLogicalName = Map.of(
                "conversations", variableToResource.get("LEADLINE_TABLE_CONVERSATIONS"),
                "leads", variableToResource.get("LEADLINE_TABLE_LEADS"),
                "consent", variableToResource.get("LEADLINE_TABLE_CONSENT"),
                "audit", variableToResource.get("LEADLINE_TABLE_AUDIT"),
                "analytics", variableToResource.get("LEADLINE_TABLE_ANALYTICS"),
                "keys", variableToResource.get("LEADLINE_TABLE_KEYS"));
        assertEquals(tables.keySet(), new HashSet<>(resourceForLogicalName.values()), "every table is wired to the functions");

        LeadlineConfig names = LeadlineConfig.from(Map.of("LEADLINE_TABLE_PREFIX", "ll-", "LEADLINE_KEYRING", "local",
                "LEADLINE_LOCAL_KEY_FILE", "/dev/null"));
        for (TableSpec spec : TableSpecs.all(names.tables())) {
            String logical = spec.name().substring("ll-".length());
            String resource = resourceForLogicalName.get(logical);
            assertNotNull(resource, "template table for " + logical);
            Map<String, Object> p = CfnTemplate.properties(tables.get(resource));
            assertEquals("PAY_PER_REQUEST", p.get("BillingMode"), resource);
            List<Map<String, Object>> keys = (List<Map<String, Object>>) p.get("KeySchema");
            assertEquals(spec.partitionKey().attribute(), keys.get(0).get("AttributeName"), resource + " partition key");
            assertEquals(spec.sortKey().map(TableSpec.Key::attribute).orElse(null),
                    keys.size() > 1 ? keys.get(1).get("AttributeName") : null, resource + " sort key");
            List<Map<String, Object>> gsis = (List<Map<String, Object>>) p.getOrDefault("GlobalSecondaryIndexes", List.of());
            assertEquals(spec.indexes().stream().map(TableSpec.Index::name).sorted().toList(),
                    gsis.stream().map(g -> (String) g.get("IndexName")).sorted().toList(), resource + " indexes");
            Map<String, Object> ttl = (Map<String, Object>) p.get("TimeToLiveSpecification");
            assertEquals(TableSpec.EXPIRY_ATTRIBUTE, ttl.get("AttributeName"), resource + " TTL attribute");
            assertEquals(true, ttl.get("Enabled"), resource + " TTL on");
            Map<String, Object> sse = (Map<String, Object>) p.get("SSESpecification");
            assertEquals(true, sse.get("SSEEnabled"), resource + " SSE");
            assertEquals("KMS", sse.get("SSEType"), resource + " SSE with the customer managed key");
            Map<String, Object> pitr = (Map<String, Object>) p.get("PointInTimeRecoverySpecification");
            boolean expected = !logical.equals("keys"); // keys stay out of backups (crypto-shredding)
            assertEquals(expected, pitr.get("PointInTimeRecoveryEnabled"), resource + " PITR");
            assertNotNull(p.get("DeletionProtectionEnabled"), resource + " deletion protection");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theChatFunctionsRoutesAreExactlyTheOnesItServes() {
        Map<String, Object> function = template.resources().get("ChatFunction");
        Map<String, Map<String, Object>> events = (Map<String, Map<String, Object>>) CfnTemplate.properties(function).get("Events");
        List<String> declared = new ArrayList<>();
        events.values().forEach(e -> {
            Map<String, Object> p = (Map<String, Object>) e.get("Properties");
            assertEquals("HttpApi", e.get("Type"));
            declared.add(p.get("Method") + " " + p.get("Path"));
        });
        assertEquals(ChatRoutes.ALL.stream().map(HttpRoute::routeKey).sorted().toList(), declared.stream().sorted().toList());
    }

    @Test
    void theDataKeyRotatesAndEveryLogGroupExpires() {
        Map<String, Object> key = CfnTemplate.properties(template.resources().get("DataKey"));
        assertEquals(true, key.get("EnableKeyRotation"));
        Set<String> functions = template.resourcesOfType("AWS::Serverless::Function").keySet();
        for (String f : functions) {
            assertTrue(template.resources().containsKey(f + "Logs"), f + " has a log group with retention");
            assertNotNull(CfnTemplate.properties(template.resources().get(f + "Logs")).get("RetentionInDays"));
        }
    }
}
