package io.leadline.chat;

import io.leadline.config.LeadlineConfig;
import io.leadline.testing.LocalDynamo;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same amortisation test against LocalStack's KMS, where Docker exists; skipped cleanly where
 * it does not. The community image is pinned: newer "latest" images need an auth token.
 */
@Testcontainers(disabledWithoutDocker = true)
class KmsAmortisationLocalStackIntegrationTest {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8.1"))
            .withServices(LocalStackContainer.Service.KMS);

    @Test
    void aWarmContainerCallsKmsAtMostTenTimesForManyLeads() {
        AtomicInteger calls = new AtomicInteger();
        KmsClient kms = KmsClient.builder()
                .endpointOverride(LOCALSTACK.getEndpoint())
                .region(Region.of(LOCALSTACK.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        calls.incrementAndGet();
                    }
                }))
                .build();
        String keyArn = kms.createKey(b -> b.description("leadline")).keyMetadata().arn();
        calls.set(0);
        DynamoDbClient dynamo = LocalDynamo.client();
        LeadlineConfig config = KmsAmortisation.config(dynamo, keyArn);
        KmsAmortisation.captureLeads(new ChatClient(KmsAmortisation.container(config, dynamo, kms).api()), 200);
        assertTrue(calls.get() <= 10, "KMS calls for 200 leads: " + calls.get());
    }
}
