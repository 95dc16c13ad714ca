package io.leadline.bench;

import io.leadline.testing.LoopbackDynamoDb;
import io.leadline.testing.Percentiles;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the choice of HTTP client costs a cold start (issue 8, "a light HTTP client"). For every run a
 * fresh JVM (the template's C1 flag, serial GC) builds a DynamoDB client over one of the SDK's sync HTTP
 * clients, with explicit region and credentials as the functions do, makes one signed call (ListTables)
 * to DynamoDB Local on loopback and reports. Measured from process start to that answer, round-robin
 * over the clients after one discarded warm-up round. Plain HTTP: a TLS handshake, which every client
 * pays in AWS, is not in these figures.
 *
 * <p>Usage: {@code ./leadline bench http-clients [runs]}.
 */
public final class HttpClientStartup {

    enum Client { URL_CONNECTION, APACHE5, AWS_CRT }

    private HttpClientStartup() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--probe")) {
            probe(Client.valueOf(args[1]), URI.create(args[2]));
            return;
        }
        WholeProcess.runThenExit(() -> measure(args.length > 0 ? Integer.parseInt(args[0]) : 10));
    }

    private static void measure(int runs) throws Exception {
        try (LoopbackDynamoDb dynamo = LoopbackDynamoDb.start()) {
            Map<Client, List<double[]>> results = FreshJvms.roundRobin(Client.class, runs,
                    client -> FreshJvms.probe(HttpClientStartup.class, List.of("--enable-native-access=ALL-UNNAMED"),
                            "--probe", client.name(), dynamo.endpoint().toString()));
            System.out.println();
            System.out.println("| HTTP client | JVM start to first answer p50 | p90 | Classes loaded p50 | Peak RSS p50 |");
            System.out.println("| --- | --- | --- | --- | --- |");
            for (var e : results.entrySet()) {
                double[] ms = e.getValue().stream().mapToDouble(r -> r[0]).toArray();
                double[] classes = e.getValue().stream().mapToDouble(r -> r[1]).toArray();
                double[] rss = e.getValue().stream().mapToDouble(r -> r[2] / 1024).toArray();
                System.out.printf("| %s | **%.0f ms** | %.0f ms | %.0f | %.0f MB |%n", e.getKey(), Percentiles.of(ms, 50),
                        Percentiles.of(ms, 90), Percentiles.of(classes, 50), Percentiles.of(rss, 50));
            }
        }
    }

    /** In the fresh JVM: build the client, make the call, say so at once, then report classes and RSS. */
    private static void probe(Client client, URI endpoint) throws Exception {
        SdkHttpClient http = switch (client) {
            case URL_CONNECTION -> UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                    .socketTimeout(Duration.ofSeconds(5)).build();
            case APACHE5 -> Apache5HttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                    .socketTimeout(Duration.ofSeconds(5)).build();
            case AWS_CRT -> AwsCrtHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).build();
        };
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .region(Region.AP_SOUTHEAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClient(http)
                .endpointOverride(endpoint)
                .build()) {
            int tables = dynamo.listTables().tableNames().size();
            System.out.println("answered " + tables);
            System.out.flush();
        }
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        System.out.println(classes + " " + WholeProcess.peakRssKb(ProcessHandle.current().pid()));
        System.out.flush();
        http.close();
    }
}
