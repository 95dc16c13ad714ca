package io.leadline.template;

import io.leadline.chat.ChatRoutes;
import io.leadline.leadsapi.LeadsApiRoutes;
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
                "keys", variableToResource.get("LEADLINE_TABLE_KEYS"),
                "events", variableToResource.get("LEADLINE_TABLE_EVENTS"));
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
            // Keys stay out of backups (crypto-shredding); raw funnel events live a week and the counters are backed up.
            boolean expected = !logical.equals("keys") && !logical.equals("events");
            assertEquals(expected, pitr.get("PointInTimeRecoveryEnabled"), resource + " PITR");
            assertNotNull(p.get("DeletionProtectionEnabled"), resource + " deletion protection");
            Map<String, Object> stream = (Map<String, Object>) p.get("StreamSpecification");
            assertEquals(spec.stream() ? "NEW_IMAGE" : null, stream == null ? null : stream.get("StreamViewType"), resource + " stream");
        }
    }

    @Test
    void eachFunctionsRoutesAreExactlyTheOnesItServesOnItsOwnApi() {
        assertEquals(routeKeys(ChatRoutes.ALL), declaredRoutes("ChatFunction", "ChatHttpApi"));
        assertEquals(routeKeys(LeadsApiRoutes.ALL), declaredRoutes("LeadsApiFunction", "ConsoleHttpApi"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyApiRouteIsBehindTheCognitoJwtAuthorizerAndNoChatRouteIs() {
        Map<String, Object> api = CfnTemplate.properties(template.resources().get("ConsoleHttpApi"));
        Map<String, Object> auth = (Map<String, Object>) api.get("Auth");
        assertEquals("CognitoJwt", auth.get("DefaultAuthorizer"));
        Map<String, Object> jwt = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) auth.get("Authorizers"))
                .get("CognitoJwt")).get("JwtConfiguration");
        assertTrue(String.valueOf(jwt.get("issuer")).contains("cognito-idp") && String.valueOf(jwt.get("issuer")).contains("UserPool"));
        assertEquals(List.of(Map.of("Ref", "ConsoleClient")), jwt.get("audience"));
        for (var function : template.resourcesOfType("AWS::Serverless::Function").entrySet()) {
            Map<String, Map<String, Object>> events = (Map<String, Map<String, Object>>)
                    CfnTemplate.properties(function.getValue()).getOrDefault("Events", Map.of());
            for (var event : events.values()) {
                if (!"HttpApi".equals(event.get("Type"))) {
                    continue;
                }
                Map<String, Object> p = (Map<String, Object>) event.get("Properties");
                String path = (String) p.get("Path");
                Object apiId = ((Map<String, Object>) p.get("ApiId")).get("Ref");
                if (path.startsWith("/api/")) {
                    assertEquals("ConsoleHttpApi", apiId, path + " is on the authorized API");
                    assertTrue(!p.containsKey("Auth"), path + " does not override the default authorizer");
                } else {
                    assertEquals("ChatHttpApi", apiId, path + " is on the public chat API");
                }
            }
        }
        Object origins = ((Map<String, Object>) api.get("CorsConfiguration")).get("AllowOrigins");
        assertTrue(!String.valueOf(origins).contains("*"), "no wildcard origin on /api: " + origins);
        Map<String, Object> originParameter = (Map<String, Object>) ((Map<String, Object>) template.root().get("Parameters")).get("ConsoleOrigin");
        assertTrue(String.valueOf(originParameter.get("AllowedPattern")).contains("^https://[^*"), "the parameter refuses a wildcard");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theUserPoolRequiresTotpMfaAStrongPasswordAndAdministratorsToCreateUsers() {
        Map<String, Object> pool = CfnTemplate.properties(template.resources().get("UserPool"));
        assertEquals("ON", pool.get("MfaConfiguration"));
        assertEquals(List.of("SOFTWARE_TOKEN_MFA"), pool.get("EnabledMfas"));
        assertEquals(true, ((Map<String, Object>) pool.get("AdminCreateUserConfig")).get("AllowAdminCreateUserOnly"));
        Map<String, Object> policy = (Map<String, Object>) ((Map<String, Object>) pool.get("Policies")).get("PasswordPolicy");
        assertTrue(((Number) policy.get("MinimumLength")).intValue() >= 12);
        for (String rule : List.of("RequireLowercase", "RequireUppercase", "RequireNumbers", "RequireSymbols")) {
            assertEquals(true, policy.get(rule), rule);
        }
        Set<String> groups = new HashSet<>();
        template.resourcesOfType("AWS::Cognito::UserPoolGroup").values()
                .forEach(g -> groups.add((String) CfnTemplate.properties(g).get("GroupName")));
        assertEquals(Set.of("sales-rep", "sales-manager", "admin"), groups);
        Map<String, Object> client = CfnTemplate.properties(template.resources().get("ConsoleClient"));
        assertEquals(false, client.get("GenerateSecret"), "a browser app cannot keep a secret");
        for (String validity : List.of("IdTokenValidity", "AccessTokenValidity", "RefreshTokenValidity")) {
            assertNotNull(client.get(validity), validity);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void noPolicyGrantsAWildcardActionOnDynamoDbOrKms() {
        for (var function : template.resourcesOfType("AWS::Serverless::Function").entrySet()) {
            for (Object policy : (List<Object>) CfnTemplate.properties(function.getValue()).getOrDefault("Policies", List.of())) {
                if (!(policy instanceof Map<?, ?> doc) || !doc.containsKey("Statement")) {
                    continue;
                }
                for (Map<String, Object> statement : (List<Map<String, Object>>) doc.get("Statement")) {
                    Object actions = statement.get("Action");
                    for (Object action : actions instanceof List<?> l ? l : List.of(actions)) {
                        String a = String.valueOf(action);
                        assertTrue(!(a.contains("*") && (a.startsWith("dynamodb:") || a.startsWith("kms:")) || a.equals("*")),
                                function.getKey() + " grants " + a);
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> declaredRoutes(String function, String api) {
        Map<String, Map<String, Object>> events = (Map<String, Map<String, Object>>)
                CfnTemplate.properties(template.resources().get(function)).get("Events");
        List<String> declared = new ArrayList<>();
        events.values().forEach(e -> {
            if ("HttpApi".equals(e.get("Type"))) {
                Map<String, Object> p = (Map<String, Object>) e.get("Properties");
                assertEquals(api, ((Map<String, Object>) p.get("ApiId")).get("Ref"), function + " routes are on " + api);
                declared.add(p.get("Method") + " " + p.get("Path"));
            }
        });
        return declared.stream().sorted().toList();
    }

    private static List<String> routeKeys(List<HttpRoute> routes) {
        return routes.stream().map(HttpRoute::routeKey).sorted().toList();
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
