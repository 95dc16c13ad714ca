package io.leadline.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadline.chat.ChatClient;
import io.leadline.chat.DaggerChatComponent;
import io.leadline.config.LeadlineConfig;
import io.leadline.di.Platform;
import io.leadline.leadsapi.ConsoleClient;
import io.leadline.leadsapi.DaggerLeadsApiComponent;
import io.leadline.leadsapi.LeadsApiRoutes;
import io.leadline.testing.MutableClock;
import io.leadline.users.LocalUserDirectory;
import io.leadline.users.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.kms.KmsClient;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat → lead path on LocalStack's DynamoDB and KMS, where Docker exists (skipped cleanly where it does
 * not): the tables are made from template.yaml's own definitions (keys, indexes, stream, TTL, SSE under a
 * KMS key), the personal-data key is a KMS key, a visitor leaves a lead through the chat function and a
 * manager reads it decrypted through the console API, while the stored item holds no plaintext.
 * The community image is pinned: newer "latest" images need an auth token.
 */
@Testcontainers(disabledWithoutDocker = true)
class ChatToLeadLocalStackIntegrationTest {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8.1"))
            .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.KMS);

    private static final String PREFIX = "ls-";

    @TempDir
    Path dir;

    @Test
    void aVisitorsLeadIsStoredEncryptedAndReadByTheConsole() throws Exception {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()));
        Region region = Region.of(LOCALSTACK.getRegion());
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(LOCALSTACK.getEndpoint()).region(region)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        KmsClient kms = KmsClient.builder().endpointOverride(LOCALSTACK.getEndpoint()).region(region)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        String dataKey = kms.createKey(b -> b.description("leadline personal data")).keyMetadata().arn();
        String tableKey = kms.createKey(b -> b.description("leadline tables")).keyMetadata().arn();
        createTablesAsTheTemplateDeclares(dynamo, tableKey);

        LeadlineConfig config = LeadlineConfig.from(Map.of("LEADLINE_TABLE_PREFIX", PREFIX, "LEADLINE_KEYRING", "kms",
                "LEADLINE_KMS_KEY_ID", dataKey, "AWS_REGION", region.id()));
        Platform platform = new Platform(dynamo, () -> kms, MutableClock.startingNow());
        ChatClient chat = new ChatClient(DaggerChatComponent.factory().create(config, platform).api());
        chat.leaveLead("Nguyễn Văn An", "an.nguyen@example.vn", "0912345678");

        var users = new LocalUserDirectory(dir.resolve("users.json"), new SecureRandom(), platform.clock());
        String managerId = users.create("manager", Role.SALES_MANAGER).user().id();
        var console = new ConsoleClient(
                DaggerLeadsApiComponent.factory().create(config, platform, users).api());
        var manager = new ConsoleClient.User(managerId, "manager", "[sales-manager]");
        var list = console.get(manager, LeadsApiRoutes.LEADS, Map.of(), Map.of());
        assertEquals(200, list.status(), list.body().toString());
        assertEquals(1, list.body().path("leads").size(), list.body().toString());
        String id = list.body().path("leads").get(0).path("id").asText();
        var detail = console.get(manager, LeadsApiRoutes.LEAD, Map.of("id", id), Map.of());
        assertEquals(200, detail.status(), detail.body().toString());
        JsonNode contact = detail.body().path("personal").path("contact");
        assertEquals("Nguyễn Văn An", contact.path("name").asText());
        assertEquals("an.nguyen@example.vn", contact.path("email").asText());

        String stored = dynamo.scan(b -> b.tableName(config.tables().leads())).items().toString();
        assertFalse(stored.contains("an.nguyen@example.vn") || stored.contains("0912345678") || stored.contains("Nguyễn"),
                "the lead's personal data is stored encrypted only");
        assertTrue(stored.contains(id));
    }

    /** Each AWS::DynamoDB::Table of the template, named as the functions' LEADLINE_TABLE_* variables say. */
    @SuppressWarnings("unchecked")
    private static void createTablesAsTheTemplateDeclares(DynamoDbClient dynamo, String tableKey) throws Exception {
        CfnTemplate template = CfnTemplate.load();
        Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) template.globals("Function").get("Environment")).get("Variables");
        env.forEach((variable, value) -> {
            if (!variable.startsWith("LEADLINE_TABLE_")) {
                return;
            }
            String name = PREFIX + variable.substring("LEADLINE_TABLE_".length()).toLowerCase();
            Map<String, Object> p = CfnTemplate.properties(template.resources().get(((Map<String, Object>) value).get("Ref")));
            List<Map<String, Object>> gsis = (List<Map<String, Object>>) p.getOrDefault("GlobalSecondaryIndexes", List.of());
            Map<String, Object> stream = (Map<String, Object>) p.get("StreamSpecification");
            dynamo.createTable(b -> {
                b.tableName(name)
                        .billingMode(BillingMode.fromValue((String) p.get("BillingMode")))
                        .attributeDefinitions(((List<Map<String, Object>>) p.get("AttributeDefinitions")).stream()
                                .map(a -> AttributeDefinition.builder().attributeName((String) a.get("AttributeName"))
                                        .attributeType((String) a.get("AttributeType")).build()).toList())
                        .keySchema(keys((List<Map<String, Object>>) p.get("KeySchema")))
                        .sseSpecification(s -> s.enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(tableKey));
                if (!gsis.isEmpty()) {
                    b.globalSecondaryIndexes(gsis.stream().map(g -> GlobalSecondaryIndex.builder()
                            .indexName((String) g.get("IndexName"))
                            .keySchema(keys((List<Map<String, Object>>) g.get("KeySchema")))
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()).toList());
                }
                if (stream != null) {
                    b.streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.fromValue((String) stream.get("StreamViewType"))));
                }
            });
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(name));
            Map<String, Object> ttl = (Map<String, Object>) p.get("TimeToLiveSpecification");
            dynamo.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(t -> t
                    .attributeName((String) ttl.get("AttributeName")).enabled((Boolean) ttl.get("Enabled"))));
        });
    }

    private static List<KeySchemaElement> keys(List<Map<String, Object>> schema) {
        return schema.stream().map(k -> KeySchemaElement.builder().attributeName((String) k.get("AttributeName"))
                .keyType((String) k.get("KeyType")).build()).toList();
    }
}
