package io.leadline.di;

import io.leadline.config.LeadlineConfig;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What a function gets from its surroundings: the DynamoDB client, a KMS client (built only if the
 * KMS keyring is used) and the clock. In AWS they come from the environment; tests and the local
 * runner hand in DynamoDB Local, a moto server or a fixed clock.
 */
public record Platform(DynamoDbClient dynamo, Supplier<KmsClient> kms, Clock clock) {

    /** The AWS set-up: one light HTTP client, explicit region and credentials, no discovery at start-up. */
    public static Platform aws(LeadlineConfig config) {
        return aws(config, httpClient());
    }

    /**
     * The same set-up over another HTTP client (the warm benchmarks answer DynamoDB from memory here,
     * so that everything but the network stays what runs in AWS).
     */
    public static Platform aws(LeadlineConfig config, software.amazon.awssdk.http.SdkHttpClient http) {
        Region region = Region.of(config.region());
        AwsCredentialsProvider credentials = AwsCredentialsProviderChain.of(
                EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create());
        var dynamo = DynamoDbClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(Platform::deadlines);
        config.dynamoDbEndpoint().ifPresent(dynamo::endpointOverride);
        Supplier<KmsClient> kms = Deferred.of(() -> {
            var builder = KmsClient.builder().region(region).credentialsProvider(credentials).httpClient(http)
                    .overrideConfiguration(Platform::deadlines);
            config.kmsEndpoint().ifPresent(builder::endpointOverride);
            return builder.build();
        });
        return new Platform(dynamo.build(), kms, Clock.systemUTC());
    }

    /**
     * A slow service must not eat the function's 10 s: each attempt gets 3 s, the call with its retries 6 s,
     * after which the visitor is told to try again (503) while there is time to say so.
     */
    private static void deadlines(software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.Builder c) {
        c.apiCallAttemptTimeout(Duration.ofSeconds(3)).apiCallTimeout(Duration.ofSeconds(6));
    }

    private static software.amazon.awssdk.http.SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5))
                .build();
    }
}
