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
            assertEquals("KMS", sse.get("SSEType"), resource + " SSE with a customer managed key");
            assertEquals(Map.of("Ref", "TableKey"), sse.get("KMSMasterKeyId"), resource + " SSE with the tables' key");
            Map<String, Object> pitr = (Map<String, Object>) p.get("PointInTimeRecoverySpecification");
            // The two deliberate exceptions: keys stay out of backups (crypto-shredding: a destroyed subject key
            // must not come back with a restore); raw funnel events live a week and the counters are backed up.
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
        // The console calls /api on its own origin (CloudFront): no page of another origin gets a CORS grant.
        assertTrue(!api.containsKey("CorsConfiguration"), "no CORS on the console API: " + api.get("CorsConfiguration"));
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
    void noStatementAnywhereGrantsAWildcardActionOnDynamoDbOrKms() {
        List<Map<String, Object>> statements = new ArrayList<>();
        collectStatements(template.resources(), statements);
        assertTrue(statements.size() > 20, "function, key and bucket policies found: " + statements.size());
        for (Map<String, Object> statement : statements) {
            for (String a : TemplatePolicies.actions(statement)) {
                assertTrue(!(a.contains("*") && (a.startsWith("dynamodb:") || a.startsWith("kms:")) || a.equals("*")),
                        "wildcard action " + a + " in " + statement.get("Sid"));
            }
        }
    }

    /** Every policy document in the template, wherever it sits (SAM Policies, key policies, bucket policies). */
    @SuppressWarnings("unchecked")
    private static void collectStatements(Object node, List<Map<String, Object>> out) {
        if (node instanceof Map<?, ?> m) {
            if (m.get("Statement") instanceof List<?> list) {
                list.forEach(st -> out.add((Map<String, Object>) st));
            }
            m.values().forEach(v -> collectStatements(v, out));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collectStatements(v, out));
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

    private static final Set<String> CRYPTOGRAPHIC = Set.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo",
            "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:GenerateDataKeyPair",
            "kms:GenerateDataKeyPairWithoutPlaintext", "kms:CreateGrant");

    @Test
    @SuppressWarnings("unchecked")
    void thePersonalDataKeyCanBeUsedOnlyByNamedFunctionRolesAndTheTableKeyOnlyThroughDynamoDb() {
        // DataKey: the account administers it but no statement naming the account (so: any IAM policy)
        // allows a cryptographic operation or a grant; whoever may use it is named, and is a function's role.
        Set<String> functionRoles = new HashSet<>();
        template.resourcesOfType("AWS::Serverless::Function").keySet().forEach(f -> functionRoles.add(f + "Role"));
        for (Map<String, Object> statement : TemplatePolicies.keyPolicyStatements(template, "DataKey")) {
            Map<String, Object> principal = (Map<String, Object>) statement.get("Principal");
            List<String> actions = TemplatePolicies.actions(statement);
            if (String.valueOf(principal.get("AWS")).contains(":root")) {
                assertTrue(actions.stream().noneMatch(CRYPTOGRAPHIC::contains), "the account statement holds " + actions);
            } else {
                assertEquals(Set.of("AWS"), principal.keySet(), "DataKey names roles only: " + principal);
                for (Object p : (List<Object>) principal.get("AWS")) {
                    Object role = ((List<Object>) ((Map<String, Object>) p).get("Fn::GetAtt")).get(0);
                    assertTrue(functionRoles.contains(role), "DataKey principal " + p + " is a function's role");
                }
            }
        }
        // TableKey: cryptographic use only with kms:ViaService = DynamoDB in this region.
        for (Map<String, Object> statement : TemplatePolicies.keyPolicyStatements(template, "TableKey")) {
            List<String> actions = TemplatePolicies.actions(statement);
            if (actions.stream().anyMatch(CRYPTOGRAPHIC::contains)) {
                Map<String, Object> condition = (Map<String, Object>) ((Map<String, Object>) statement.get("Condition")).get("StringEquals");
                assertEquals(Map.of("Fn::Sub", "dynamodb.${AWS::Region}.amazonaws.com"), condition.get("kms:ViaService"));
                assertEquals(Map.of("Ref", "AWS::AccountId"), condition.get("kms:CallerAccount"), "callers of this account only");
            }
        }
        for (String key : List.of("DataKey", "TableKey")) {
            Map<String, Object> p = CfnTemplate.properties(template.resources().get(key));
            assertEquals(true, p.get("EnableKeyRotation"), key + " rotates");
            assertEquals("Retain", template.resources().get(key).get("DeletionPolicy"), key + " outlives the stack");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFunctionHasErrorAndThrottleAlarmsAndTheBriefsOtherAlarmsExist() {
        Map<String, Map<String, Object>> alarms = template.resourcesOfType("AWS::CloudWatch::Alarm");
        for (String function : template.resourcesOfType("AWS::Serverless::Function").keySet()) {
            for (String metric : List.of("Errors", "Throttles")) {
                boolean found = alarms.values().stream().map(CfnTemplate::properties).anyMatch(a -> "AWS/Lambda".equals(a.get("Namespace"))
                        && metric.equals(a.get("MetricName"))
                        && List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", function))).equals(a.get("Dimensions"))
                        && ((List<Object>) a.get("AlarmActions")).contains(Map.of("Ref", "AlarmTopic")));
                assertTrue(found, function + " has a " + metric + " alarm that notifies the alarm topic");
            }
        }
        // The unusual-reveals metric as RevealWatch emits it (EMF; FunctionPermissionsIntegrationTest checks
        // the emitted line against every alarm), the dead letters and the stream's age.
        Map<String, Object> reveals = CfnTemplate.properties(alarms.get("UnusualRevealsAlarm"));
        assertEquals(io.leadline.monitoring.Metrics.NAMESPACE, reveals.get("Namespace"));
        assertEquals("UnusualReveals", reveals.get("MetricName"));
        assertEquals("ApproximateNumberOfMessagesVisible", CfnTemplate.properties(alarms.get("FunnelDeadLettersAlarm")).get("MetricName"));
        assertEquals("IteratorAge", CfnTemplate.properties(alarms.get("FunnelIteratorAgeAlarm")).get("MetricName"));
        Map<String, Object> subscription = template.resources().get("AlarmEmailSubscription");
        assertEquals("HasAlarmEmail", subscription.get("Condition"), "e-mail only when an address is given");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWebBucketIsPrivateAndReadOnlyByItsOwnDistribution() {
        Map<String, Object> bucket = CfnTemplate.properties(template.resources().get("WebBucket"));
        Map<String, Object> block = (Map<String, Object>) bucket.get("PublicAccessBlockConfiguration");
        for (String setting : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertEquals(true, block.get(setting), setting);
        }
        Map<String, Object> policy = (Map<String, Object>) CfnTemplate.properties(template.resources().get("WebBucketPolicy")).get("PolicyDocument");
        for (Map<String, Object> statement : (List<Map<String, Object>>) policy.get("Statement")) {
            if ("Allow".equals(statement.get("Effect"))) {
                assertEquals(Map.of("Service", "cloudfront.amazonaws.com"), statement.get("Principal"));
                assertEquals("s3:GetObject", statement.get("Action"));
                String sourceArn = String.valueOf(((Map<String, Object>) ((Map<String, Object>) statement.get("Condition")).get("StringEquals")).get("AWS:SourceArn"));
                assertTrue(sourceArn.contains("distribution/${WebDistribution}"), "only this distribution: " + sourceArn);
            }
        }
        Map<String, Object> config = (Map<String, Object>) CfnTemplate.properties(template.resources().get("WebDistribution")).get("DistributionConfig");
        List<Map<String, Object>> origins = (List<Map<String, Object>>) config.get("Origins");
        Map<String, Object> web = origins.stream().filter(o -> "web".equals(o.get("Id"))).findFirst().orElseThrow();
        assertEquals(Map.of("Fn::GetAtt", List.of("WebOriginAccessControl", "Id")), web.get("OriginAccessControlId"), "Origin Access Control");
    }

    @Test
    @SuppressWarnings("unchecked")
    void cloudFrontServesPagesWithTheSecurityHeadersAndRoutesBothApisUncached() {
        Map<String, Object> pages = (Map<String, Object>) ((Map<String, Object>) CfnTemplate.properties(
                template.resources().get("PageHeadersPolicy")).get("ResponseHeadersPolicyConfig")).get("SecurityHeadersConfig");
        String csp = String.valueOf(((Map<String, Object>) pages.get("ContentSecurityPolicy")).get("ContentSecurityPolicy"));
        for (String directive : List.of("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'",
                "base-uri 'none'", "connect-src 'self' https://cognito-idp.${AWS::Region}.amazonaws.com;")) {
            assertTrue(csp.contains(directive), "CSP has " + directive + ": " + csp);
        }
        assertTrue(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), csp);
        assertTrue(((Number) ((Map<String, Object>) pages.get("StrictTransportSecurity")).get("AccessControlMaxAgeSec")).intValue() >= 31536000, "HSTS a year or more");
        assertNotNull(pages.get("ContentTypeOptions"), "nosniff");
        assertEquals("DENY", ((Map<String, Object>) pages.get("FrameOptions")).get("FrameOption"));

        Map<String, Object> config = (Map<String, Object>) CfnTemplate.properties(template.resources().get("WebDistribution")).get("DistributionConfig");
        Map<String, Object> pagesBehaviour = (Map<String, Object>) config.get("DefaultCacheBehavior");
        assertEquals(Map.of("Ref", "PageHeadersPolicy"), pagesBehaviour.get("ResponseHeadersPolicyId"));
        assertEquals("redirect-to-https", pagesBehaviour.get("ViewerProtocolPolicy"));
        Map<String, Map<String, Object>> behaviours = new HashMap<>();
        ((List<Map<String, Object>>) config.get("CacheBehaviors")).forEach(b -> behaviours.put((String) b.get("PathPattern"), b));
        Map<String, String> originOf = Map.of("/api/*", "console-api", "/chat/*", "chat-api");
        Map<String, String> apiOf = Map.of("console-api", "ConsoleHttpApi", "chat-api", "ChatHttpApi");
        originOf.forEach((path, origin) -> {
            Map<String, Object> b = behaviours.get(path);
            assertNotNull(b, path + " is routed");
            assertEquals(origin, b.get("TargetOriginId"), path);
            assertEquals("4135ea2d-6df8-44a3-9df3-4b5a84be39ad", b.get("CachePolicyId"), path + " is never cached (CachingDisabled)");
            assertEquals("b689b0a8-53d0-40ab-baf2-68738e2966ac", b.get("OriginRequestPolicyId"),
                    path + " forwards Authorization and Origin (AllViewerExceptHostHeader)");
            assertEquals("https-only", b.get("ViewerProtocolPolicy"), path);
            Map<String, Object> o = ((List<Map<String, Object>>) config.get("Origins")).stream()
                    .filter(x -> origin.equals(x.get("Id"))).findFirst().orElseThrow();
            assertTrue(String.valueOf(o.get("DomainName")).startsWith("{Fn::Sub=${" + apiOf.get(origin) + "}.execute-api."), path + " → " + o);
        });
        assertEquals(Map.of("Ref", "WidgetHeadersPolicy"), behaviours.get("/widget/*").get("ResponseHeadersPolicyId"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApiFunctionsStartFromSnapshotsAndEveryFunctionRunsJava21OrNewerOnArm64() {
        Map<String, Object> globals = template.globals("Function");
        String runtime = (String) globals.get("Runtime");
        assertTrue(runtime.matches("java(2[1-9]|[3-9]\\d)"), runtime);
        assertEquals(List.of("arm64"), globals.get("Architectures"));
        for (var function : template.resourcesOfType("AWS::Serverless::Function").entrySet()) {
            Map<String, Object> p = CfnTemplate.properties(function.getValue());
            assertTrue(!p.containsKey("Runtime") && !p.containsKey("Architectures"), function.getKey() + " keeps the global runtime");
            boolean servesHttp = ((Map<String, Map<String, Object>>) p.getOrDefault("Events", Map.of())).values().stream()
                    .anyMatch(e -> "HttpApi".equals(e.get("Type")));
            if (servesHttp) {
                assertEquals(Map.of("ApplyOn", "PublishedVersions"), p.get("SnapStart"), function.getKey());
                assertNotNull(p.get("AutoPublishAlias"), function.getKey() + ": SnapStart needs a published version");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyParameterHasADefaultAndTheOutputsConfigureTheProduct() {
        Map<String, Map<String, Object>> parameters = (Map<String, Map<String, Object>>) template.root().get("Parameters");
        parameters.forEach((name, p) -> assertTrue(p.containsKey("Default"), name + " has a default"));
        Map<String, Object> outputs = (Map<String, Object>) template.root().get("Outputs");
        for (String o : List.of("ConsoleUrl", "WidgetScriptUrl", "WebBucketName", "WebDistributionId", "ChatApiUrl",
                "ConsoleApiUrl", "UserPoolId", "ConsoleClientId", "AlarmTopicArn")) {
            assertTrue(outputs.containsKey(o), "output " + o);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void samconfigDeploysWithIamCapabilityAndOverridesOnlyParametersThatExistWithValuesTheyAccept() throws Exception {
        Map<String, Map<String, Object>> parameters = (Map<String, Map<String, Object>>) template.root().get("Parameters");
        List<String> lines = java.nio.file.Files.readAllLines(CfnTemplate.repository().resolve("samconfig.toml"));
        int environments = 0;
        for (String line : lines) {
            String l = line.strip();
            if (l.startsWith("capabilities")) {
                assertTrue(l.contains("CAPABILITY_IAM"), l);
            }
            if (!l.startsWith("parameter_overrides")) {
                continue;
            }
            environments++;
            String value = l.substring(l.indexOf('"') + 1, l.lastIndexOf('"')).replace("\\\"", "\"");
            var m = java.util.regex.Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(value);
            while (m.find()) {
                Map<String, Object> parameter = parameters.get(m.group(1));
                assertNotNull(parameter, "samconfig overrides an unknown parameter " + m.group(1));
                List<Object> allowed = (List<Object>) parameter.get("AllowedValues");
                if (allowed != null) {
                    assertTrue(allowed.contains(m.group(2)), m.group(1) + "=" + m.group(2) + " not in " + allowed);
                }
                Object pattern = parameter.get("AllowedPattern");
                if (pattern != null) {
                    assertTrue(m.group(2).matches(String.valueOf(pattern)), m.group(1) + "=" + m.group(2) + " against " + pattern);
                }
            }
        }
        assertTrue(environments >= 1, "samconfig.toml has parameter overrides");
    }
}
