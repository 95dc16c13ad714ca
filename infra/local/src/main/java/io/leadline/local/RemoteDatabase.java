package io.leadline.local;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.time.Duration;

/**
 * DynamoDB Local running in a process of its own (for example started with its {@code -sharedDb}
 * option), reached over HTTP at {@code endpoint}. It has no accounts: the credentials are placeholders.
 * Who started it stops it; closing this only closes the clients.
 */
final class RemoteDatabase implements LocalDatabase {

    private final SdkHttpClient http;
    private final DynamoDbClient client;
    private final DynamoDbStreamsClient streams;

    RemoteDatabase(URI endpoint) {
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        Region region = Region.of("local");
        this.client = DynamoDbClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(credentials).httpClient(http).build();
        this.streams = DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(credentials).httpClient(http).build();
    }

    @Override
    public DynamoDbClient client() {
        return client;
    }

    @Override
    public DynamoDbStreamsClient streams() {
        return streams;
    }

    @Override
    public void close() {
        streams.close();
        client.close();
        http.close();
    }
}
