package io.leadline.template;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadline.chat.ChatClient;
import io.leadline.chat.ChatRoutes;
import io.leadline.chat.DaggerChatComponent;
import io.leadline.config.LeadlineConfig;
import io.leadline.di.Platform;
import io.leadline.funnel.DaggerFunnelComponent;
import io.leadline.http.HttpRoute;
import io.leadline.leadsapi.ConsoleClient;
import io.leadline.leadsapi.DaggerLeadsApiComponent;
import io.leadline.leadsapi.LeadsApiRoutes;
import io.leadline.storage.TableProvisioner;
import io.leadline.storage.TableSpecs;
import io.leadline.sweep.DaggerRetentionComponent;
import io.leadline.testing.LoopbackDynamoDb;
import io.leadline.testing.MutableClock;
import io.leadline.users.CognitoUserDirectory;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each function's IAM grants in template.yaml are exactly what its code calls. The functions' real Dagger
 * graphs run on DynamoDB Local (over HTTP, so an SDK interceptor sees every request) with the KMS keyring,
 * driven through every route and event they serve; the calls become IAM permissions (a transaction's
 * items become PutItem/UpdateItem/DeleteItem/ConditionCheckItem on their tables) and are compared with
 * the template in both directions: nothing the code needs is missing, nothing granted goes unused.
 *
 * What it cannot see: a call on a path these scenarios do not reach. They go through every route and event
 * and the situations that call something else: a refused claim, a stale version, a redelivered stream
 * batch, a fresh deployment whose first request is the console's, a visitor returning to a lead with
 * notes, a lead kept alive for years past its key-encryption key. A new code path with a new call and
 * no scenario would surface as AccessDenied in AWS, not here. KMS and Cognito are stand-ins (they record
 * the operations; they check nothing), and the event source mapping's own grants (stream reads, the
 * dead-letter queue) are held to the template separately, since no function code makes those calls.
 */
class FunctionPermissionsIntegrationTest {

    private static final String KEY_ARN = "arn:aws:kms:ap-southeast-1:111122223333:key/00000000-0000-4000-8000-000000000000";
    private static final String PREFIX = "perm-";

    private static LoopbackDynamoDb dynamoDb;
    private static DynamoDbClient unrecorded;
    private static LeadlineConfig config;
    private static final MutableClock clock = MutableClock.startingNow();
    private static final Map<String, RecordedCalls> calls = new LinkedHashMap<>();
    private static CfnTemplate template;
    private static final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    @BeforeAll
    static void runEveryFunction() throws Exception {
        template = CfnTemplate.load();
        dynamoDb = LoopbackDynamoDb.start();
        unrecorded = dynamoDb.client();
        config = LeadlineConfig.from(Map.of("LEADLINE_TABLE_PREFIX", PREFIX, "LEADLINE_KEYRING", "kms",
                "LEADLINE_KMS_KEY_ID", KEY_ARN, "LEADLINE_REVEAL_ALERT_PER_HOUR", "2", "AWS_REGION", "ap-southeast-1"));
        new TableProvisioner(unrecorded).ensure(TableSpecs.all(config.tables()));
        for (String f : List.of("ChatFunction", "LeadsApiFunction", "FunnelAnalyticsFunction", "RetentionFunction")) {
            calls.put(f, new RecordedCalls());
        }
        // Metrics leave the functions as EMF lines on stdout: keep a copy to hold them against the alarms.
        PrintStream original = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                stdout.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                stdout.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        try {
            scenarios();
        } finally {
            System.setOut(original);
        }
    }

    private static void scenarios() {
        ConsoleClient console = console();
        // A fresh deployment: an administrator answers an access request before any visitor came, so the
        // console API makes the blind-index key itself.
        ok(console.call(ADMIN, LeadsApiRoutes.PRIVACY_EXPORT, Map.of(), "{\"email\":\"nobody@example.vn\"}"), 200);
        ChatClient chat = chat();
        Worked worked = workTheLeads(console);
        returningVisitor(chat, worked);
        erasure(console, worked);
        longLivedLead(console, worked);
        funnel();
        retention();
    }

    @AfterAll
    static void stop() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    private static Platform platform(String function) {
        RecordedCalls recorder = calls.get(function);
        DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(dynamoDb.endpoint())
                .region(Region.AP_SOUTHEAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder.dynamoDb()))
                .build();
        var kms = recorder.kms(KEY_ARN);
        return new Platform(dynamo, () -> kms, clock);
    }

    // ---------------------------------------------------------------------------------------------
    // Scenarios: every route and event, and the answers that change what the code calls.
    // ---------------------------------------------------------------------------------------------

    private static final ConsoleClient.User ADMIN = new ConsoleClient.User("u-admin", "admin", "[admin]");
    private static final ConsoleClient.User MANAGER = new ConsoleClient.User("u-manager", "manager", "[sales-manager]");
    private static final ConsoleClient.User REP_A = new ConsoleClient.User("u-rep-a", "rep.a", "[sales-rep]");
    private static final ConsoleClient.User REP_B = new ConsoleClient.User("u-rep-b", "rep.b", "[sales-rep]");

    private static ChatClient chat() {
        ChatClient chat = new ChatClient(DaggerChatComponent.factory().create(config, platform("ChatFunction")).api());
        String[] visitor = null;
        for (int i = 0; i < 5; i++) {
            visitor = chat.leaveLead("Visitor Number " + (char) ('A' + i), "visitor" + i + "@example.vn", "09012345" + (10 + i));
        }
        ok(chat.send(ChatRoutes.RECEIPT, Map.of("id", visitor[0]), visitor[1], null), 200);
        ok(chat.resume(visitor[0], visitor[1]), 200);
        // A retried turn with its clientMessageId gets the stored reply.
        var started = chat.start("website-lead", "vi");
        String id = started.body().path("conversationId").asText();
        String token = started.body().path("token").asText();
        String body = "{\"choice\":\"demo\",\"clientMessageId\":\"m-1\"}";
        ok(chat.message(id, token, body), 200);
        ok(chat.message(id, token, body), 200);
        // Consent declined; then free text before any consent (kept redacted).
        ok(chat.consent(id, token, "contact", false), 200);
        var other = chat.start("support-triage", "en");
        String otherId = other.body().path("conversationId").asText();
        ok(chat.text(otherId, other.body().path("token").asText(), "my mail is someone@example.vn"), 200);
        // Withdrawal of a granted purpose, "forget me" typed, and the widget's erase button.
        String[] withdrawing = chat.leaveLead("Withdrawing Visitor", "withdraw@example.vn", "0901234599");
        ok(chat.consent(withdrawing[0], withdrawing[1], "contact", false), 200);
        String[] forgetting = chat.leaveLead("Forgetting Visitor", "forget@example.vn", "0901234598");
        ok(chat.text(forgetting[0], forgetting[1], "forget me"), 200);
        String[] erasing = chat.leaveLead("Erasing Visitor", "erase@example.vn", "0901234597");
        ok(chat.erase(erasing[0], erasing[1]), 204);
        // Another container reads what the first wrote (it unwraps the first one's key-encryption key).
        ChatClient second = new ChatClient(DaggerChatComponent.factory().create(config, platform("ChatFunction")).api());
        ok(second.resume(visitor[0], visitor[1]), 200);
        return chat;
    }

    private static ConsoleClient console() {
        RecordedCalls recorder = calls.get("LeadsApiFunction");
        var cognito = recorder.cognito(List.of(
                new RecordedCalls.PoolUser("u-admin", "admin", new HashSet<>(Set.of("admin")), new boolean[]{true}),
                new RecordedCalls.PoolUser("u-manager", "manager", new HashSet<>(Set.of("sales-manager")), new boolean[]{true}),
                new RecordedCalls.PoolUser("u-rep-a", "rep.a", new HashSet<>(Set.of("sales-rep")), new boolean[]{true}),
                new RecordedCalls.PoolUser("u-rep-b", "rep.b", new HashSet<>(Set.of("sales-rep")), new boolean[]{true})));
        var users = new CognitoUserDirectory(cognito, "ap-southeast-1_pool", new SecureRandom());
        return new ConsoleClient(DaggerLeadsApiComponent.factory().create(config, platform("LeadsApiFunction"), users).api());
    }

    /** The lead a rep worked: its id and the visitor's details, so the visitor can come back. */
    record Worked(String leadId, String name, String email, String phone) {
    }

    private static Worked workTheLeads(ConsoleClient api) {
        var admin = ADMIN;
        var manager = MANAGER;
        var repA = REP_A;
        var repB = REP_B;
        ok(api.get(repA, LeadsApiRoutes.ME, Map.of(), Map.of()), 200);
        JsonNode all = ok(api.get(manager, LeadsApiRoutes.LEADS, Map.of(), Map.of("limit", "2")), 200);
        ok(api.get(manager, LeadsApiRoutes.LEADS, Map.of(), Map.of("cursor", all.path("nextCursor").asText())), 200);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        ok(api.get(manager, LeadsApiRoutes.LEADS, Map.of(), Map.of("status", "new", "flow", "website-lead",
                "createdFrom", today, "createdTo", today)), 200);
        ok(api.get(repA, LeadsApiRoutes.LEADS, Map.of(), Map.of("owner", "unassigned")), 200);
        ok(api.get(manager, LeadsApiRoutes.LEADS, Map.of(), Map.of("owner", "u-rep-b")), 200);
        List<String> leads = new ArrayList<>();
        all = ok(api.get(manager, LeadsApiRoutes.LEADS, Map.of(), Map.of("limit", "100")), 200);
        all.path("leads").forEach(l -> leads.add(l.path("id").asText()));
        assertTrue(leads.size() >= 4, "leads captured: " + all);

        // Claim (another rep's claim of it is refused), reveal past the alert threshold, work the lead.
        String first = leads.get(0);
        ok(api.call(repA, LeadsApiRoutes.CLAIM, Map.of("id", first), null), 200);
        assertEquals(403, api.call(repB, LeadsApiRoutes.CLAIM, Map.of("id", first), null).status());
        ok(api.get(repA, LeadsApiRoutes.LEADS, Map.of(), Map.of("owner", "me")), 200);
        JsonNode lead = null;
        for (int i = 0; i < 3; i++) {
            lead = ok(api.get(repA, LeadsApiRoutes.LEAD, Map.of("id", first), Map.of()), 200);
        }
        long version = lead.path("version").asLong();
        for (String status : List.of("contacted", "qualified", "won")) {
            version = ok(api.call(repA, LeadsApiRoutes.UPDATE_LEAD, Map.of("id", first),
                    "{\"status\":\"" + status + "\",\"version\":" + version + "}"), 200).path("version").asLong();
        }
        assertEquals(409, api.call(repA, LeadsApiRoutes.UPDATE_LEAD, Map.of("id", first),
                "{\"status\":\"lost\",\"version\":1}").status());
        ok(api.call(repA, LeadsApiRoutes.ADD_NOTE, Map.of("id", first), "{\"kind\":\"note\",\"text\":\"Called, wants a demo\"}"), 201);
        ok(api.call(repA, LeadsApiRoutes.ADD_NOTE, Map.of("id", first), "{\"kind\":\"complaint\",\"text\":\"Too many calls\"}"), 201);

        // Assignment, overdue, the team, handover and leaving.
        ok(api.call(manager, LeadsApiRoutes.ASSIGN, Map.of("id", leads.get(1)), "{\"to\":\"u-rep-b\"}"), 200);
        ok(api.call(manager, LeadsApiRoutes.ASSIGN, Map.of("id", leads.get(2)), "{\"to\":\"u-rep-b\"}"), 200);
        ok(api.call(manager, LeadsApiRoutes.ASSIGN, Map.of("id", leads.get(2)), "{}"), 200);
        clock.advance(Duration.ofHours(25));
        ok(api.get(repA, LeadsApiRoutes.OVERDUE, Map.of(), Map.of()), 200);
        ok(api.get(manager, LeadsApiRoutes.OVERDUE, Map.of(), Map.of()), 200);
        ok(api.get(manager, LeadsApiRoutes.USERS, Map.of(), Map.of()), 200);
        ok(api.call(admin, LeadsApiRoutes.CREATE_USER, Map.of(), "{\"username\":\"rep.c\",\"role\":\"sales-rep\"}"), 201);
        ok(api.call(manager, LeadsApiRoutes.HANDOVER, Map.of("id", "u-rep-b"), "{\"to\":\"u-rep-a\"}"), 200);
        ok(api.call(manager, LeadsApiRoutes.ASSIGN, Map.of("id", leads.get(3)), "{\"to\":\"u-rep-b\"}"), 200);
        ok(api.call(admin, LeadsApiRoutes.DISABLE_USER, Map.of("id", "u-rep-b"), "{\"successor\":\"u-rep-a\"}"), 200);

        // Audit and the funnel.
        ok(api.get(manager, LeadsApiRoutes.AUDIT, Map.of(), Map.of("limit", "5")), 200);
        ok(api.get(manager, LeadsApiRoutes.FUNNEL, Map.of(), Map.of()), 200);
        ok(api.get(manager, LeadsApiRoutes.FUNNEL, Map.of(), Map.of("flow", "website-lead", "source", "test")), 200);
        JsonNode contact = lead.path("personal").path("contact");
        return new Worked(first, contact.path("name").asText(), contact.path("email").asText(), contact.path("phone").asText());
    }

    /** A day later the visitor of the worked lead comes back: attached to it, its notes and consent proof kept longer. */
    private static void returningVisitor(ChatClient chat, Worked worked) {
        clock.advance(Duration.ofDays(1));
        chat.leaveLead(worked.name(), worked.email(), worked.phone());
    }

    /**
     * A lead kept alive by activity for years outlives the key-encryption key its subject key was wrapped
     * with: the console API rewraps it under a new one (its own KMS call).
     */
    private static void longLivedLead(ConsoleClient api, Worked worked) {
        for (int i = 0; i < 8; i++) {
            clock.advance(Duration.ofDays(150));
            ok(api.call(REP_A, LeadsApiRoutes.ADD_NOTE, Map.of("id", worked.leadId()), "{\"kind\":\"note\",\"text\":\"Still a customer\"}"), 201);
        }
        ok(api.get(REP_A, LeadsApiRoutes.LEAD, Map.of("id", worked.leadId()), Map.of()), 200);
    }

    /** A data subject's export (by e-mail, by phone) and erasure: another visitor than the worked lead's. */
    private static void erasure(ConsoleClient api, Worked worked) {
        int n = worked.email().equals("visitor1@example.vn") ? 2 : 1;
        JsonNode export = ok(api.call(ADMIN, LeadsApiRoutes.PRIVACY_EXPORT, Map.of(), "{\"email\":\"visitor" + n + "@example.vn\"}"), 200);
        assertTrue(export.toString().contains("visitor" + n + "@example.vn"), "the export holds the lead: " + export);
        ok(api.call(ADMIN, LeadsApiRoutes.PRIVACY_EXPORT, Map.of(), "{\"phone\":\"090123451" + n + "\"}"), 200);
        ok(api.call(ADMIN, LeadsApiRoutes.PRIVACY_ERASE, Map.of(), "{\"email\":\"visitor" + n + "@example.vn\"}"), 200);
    }

    private static void funnel() {
        var function = DaggerFunnelComponent.factory().create(config, platform("FunnelAnalyticsFunction")).function();
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        unrecorded.scanPaginator(b -> b.tableName(config.tables().events())).items().forEach(item -> {
            var record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventName("INSERT");
            record.setEventID(UUID.randomUUID().toString());
            record.setDynamodb(new StreamRecord().withNewImage(streamImage(item)));
            records.add(record);
        });
        assertTrue(records.size() > 10, "funnel events written: " + records.size());
        DynamodbEvent batch = new DynamodbEvent();
        batch.setRecords(records);
        function.apply(batch);
        // Redelivered: every event already counted, the transaction refused, nothing counted twice.
        function.apply(batch);
    }

    private static void retention() {
        var function = DaggerRetentionComponent.factory().create(config, platform("RetentionFunction")).function();
        clock.advance(Duration.ofDays(5 * 365));
        function.apply(Map.of("id", "scheduled-1"));
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> streamImage(
            Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new HashMap<>();
        item.forEach((k, v) -> out.put(k, streamValue(v)));
        return out;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue streamValue(AttributeValue v) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        if (v.s() != null) {
            return out.withS(v.s());
        }
        if (v.n() != null) {
            return out.withN(v.n());
        }
        if (v.bool() != null) {
            return out.withBOOL(v.bool());
        }
        if (v.hasM()) {
            return out.withM(streamImage(v.m()));
        }
        if (v.hasL()) {
            return out.withL(v.l().stream().map(FunctionPermissionsIntegrationTest::streamValue).toList());
        }
        if (v.hasSs()) {
            return out.withSS(v.ss());
        }
        throw new IllegalArgumentException("attribute type not converted: " + v);
    }

    private static JsonNode ok(ChatClient.Response r, int status) {
        assertEquals(status, r.status(), () -> r.body().toString());
        return r.body();
    }

    private static JsonNode ok(ConsoleClient.Response r, int status) {
        assertEquals(status, r.status(), () -> r.body().toString());
        return r.body();
    }

    // ---------------------------------------------------------------------------------------------
    // The comparisons.
    // ---------------------------------------------------------------------------------------------

    @Test
    void eachFunctionIsGrantedExactlyTheDynamoDbActionsItsCodeCallsOnExactlyThoseTables() {
        Map<String, String> tableOf = tableResourcesByName();
        List<String> problems = new ArrayList<>();
        for (var entry : calls.entrySet()) {
            String function = entry.getKey();
            Set<String> needed = new TreeSet<>();
            for (RecordedCalls.Permission p : entry.getValue().permissions("dynamodb")) {
                String[] parts = p.resource().split("/index/", 2);
                String table = tableOf.get(parts[0]);
                assertTrue(table != null, "a table the template does not declare: " + p);
                needed.add(p.action() + " " + table + (parts.length > 1 ? "/index/*" : ""));
            }
            Set<String> granted = new TreeSet<>(TemplatePolicies.dynamoDbTableGrants(template, function));
            Set<String> missing = new TreeSet<>(needed);
            missing.removeAll(granted);
            Set<String> unused = new TreeSet<>(granted);
            unused.removeAll(needed);
            if (!missing.isEmpty()) {
                problems.add(function + " calls but is not granted: " + missing);
            }
            if (!unused.isEmpty()) {
                problems.add(function + " is granted but never calls: " + unused);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems) + "\n(recorded: " + recorded() + ")");
    }

    @Test
    void onlyTheFunctionsThatCallKmsMayUseThePersonalDataKeyAndOnlyForWhatTheyCall() {
        Map<String, Set<String>> needed = new TreeMap<>();
        calls.forEach((function, recorder) -> recorder.permissions("kms").forEach(p -> {
            assertEquals(KEY_ARN, p.resource(), "KMS is called with the configured key only: " + p);
            needed.computeIfAbsent(function + "Role", k -> new TreeSet<>()).add(p.action());
        }));
        assertEquals(Set.of("ChatFunctionRole", "LeadsApiFunctionRole"), needed.keySet(),
                "the functions that call KMS (the others have no keyring in their graph)");
        assertEquals(needed, TemplatePolicies.dataKeyUseByRole(template),
                "DataKey's key policy grants each function role exactly the KMS operations its code calls");
        for (String function : calls.keySet()) {
            assertEquals(Set.of(), TemplatePolicies.roleActions(template, function, "kms:"),
                    function + ": KMS use is granted by the key policy only, where it can be read in one place");
        }
    }

    @Test
    void theConsoleApiIsGrantedExactlyTheCognitoCallsOfItsUserDirectoryOnItsOwnPool() {
        Set<String> needed = new TreeSet<>();
        calls.get("LeadsApiFunction").permissions("cognito-idp").forEach(p -> needed.add(p.action()));
        assertEquals(needed, TemplatePolicies.roleActions(template, "LeadsApiFunction", "cognito-idp:"));
        assertEquals(List.of(Map.of("Fn::GetAtt", List.of("UserPool", "Arn"))),
                TemplatePolicies.resourcesOf(template, "LeadsApiFunction", "cognito-idp:"));
        for (String function : List.of("ChatFunction", "RetentionFunction", "FunnelAnalyticsFunction")) {
            assertEquals(Set.of(), calls.get(function).permissions("cognito-idp"));
            assertEquals(Set.of(), TemplatePolicies.roleActions(template, function, "cognito-idp:"), function);
        }
    }

    @Test
    void theOnlyGrantsNotMadeForTheCodeAreTheFunnelStreamMappingsOwn() {
        // Lambda's event source mapping reads the stream and parks failed batches with the function's role.
        Set<String> other = new TreeSet<>();
        for (String function : calls.keySet()) {
            for (String action : TemplatePolicies.roleActions(template, function, "")) {
                if (!action.startsWith("kms:") && !action.startsWith("cognito-idp:")
                        && !TemplatePolicies.dynamoDbTableActions(template, function).contains(action)) {
                    other.add(function + " " + action);
                }
            }
        }
        assertEquals(new TreeSet<>(List.of(
                "FunnelAnalyticsFunction dynamodb:DescribeStream", "FunnelAnalyticsFunction dynamodb:GetRecords",
                "FunnelAnalyticsFunction dynamodb:GetShardIterator", "FunnelAnalyticsFunction dynamodb:ListStreams",
                "FunnelAnalyticsFunction sqs:SendMessage")), other);
        Map<String, Object> mapping = CfnTemplate.properties(template.resources().get("FunnelEventsMapping"));
        assertEquals(Map.of("Ref", "FunnelAnalyticsFunction"), mapping.get("FunctionName"));
        assertEquals(Map.of("Fn::GetAtt", List.of("EventsTable", "StreamArn")), mapping.get("EventSourceArn"));
        assertEquals(List.of(Map.of("Fn::GetAtt", List.of("EventsTable", "StreamArn"))),
                TemplatePolicies.resourcesOf(template, "FunnelAnalyticsFunction", "dynamodb:GetRecords"));
        assertEquals(List.of(Map.of("Fn::GetAtt", List.of("FunnelEventsDeadLetters", "Arn"))),
                TemplatePolicies.resourcesOf(template, "FunnelAnalyticsFunction", "sqs:"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyMetricTheFunctionsEmitHasAnAlarmOnExactlyThatMetric() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Set<String> emitted = new TreeSet<>();
        for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
            int start = line.indexOf("{\"_aws\"");
            if (start < 0) {
                continue;
            }
            JsonNode emf = json.readTree(line.substring(start));
            for (JsonNode directive : emf.path("_aws").path("CloudWatchMetrics")) {
                for (JsonNode metric : directive.path("Metrics")) {
                    List<String> dimensions = new ArrayList<>();
                    directive.path("Dimensions").path(0).forEach(d -> dimensions.add(d.asText() + "=" + emf.path(d.asText()).asText()));
                    emitted.add(directive.path("Namespace").asText() + " " + metric.path("Name").asText() + " " + dimensions);
                }
            }
        }
        assertTrue(emitted.stream().anyMatch(m -> m.contains(" UnusualReveals ")), "the reveals past the threshold emitted the metric: " + emitted);
        Set<String> alarmed = new TreeSet<>();
        template.resourcesOfType("AWS::CloudWatch::Alarm").values().stream().map(CfnTemplate::properties).forEach(a -> {
            List<String> dimensions = new ArrayList<>();
            ((List<Map<String, Object>>) a.get("Dimensions")).forEach(d -> dimensions.add(d.get("Name") + "=" + d.get("Value")));
            alarmed.add(a.get("Namespace") + " " + a.get("MetricName") + " " + dimensions);
        });
        for (String metric : emitted) {
            assertTrue(alarmed.contains(metric), "no alarm watches " + metric + "; alarms: " + alarmed);
        }
    }

    /** Test table name → the template's table resource, through the functions' LEADLINE_TABLE_* variables. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> tableResourcesByName() {
        Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) template.globals("Function").get("Environment")).get("Variables");
        Map<String, String> out = new HashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("LEADLINE_TABLE_")) {
                out.put(PREFIX + k.substring("LEADLINE_TABLE_".length()).toLowerCase(), (String) ((Map<String, Object>) v).get("Ref"));
            }
        });
        return out;
    }

    private static String recorded() {
        StringBuilder sb = new StringBuilder();
        calls.forEach((f, r) -> sb.append("\n  ").append(f).append(": ").append(r.permissions()));
        return sb.toString();
    }
}
