package io.leadline.bench;

import io.leadline.local.ChatLoad;
import io.leadline.local.LocalOptions;
import io.leadline.local.LocalProduct;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chat turns per second through the local gateway on loopback: the whole local product in this JVM
 * (gateway, chat function, local keyring, funnel stream poller, retention timer; chat rate limits off, as
 * every request comes from one address), DynamoDB Local in a JVM of its own on loopback, and
 * {@link ChatLoad}'s visitors going through website-lead for a bounded time after a warm-up.
 * <pre>ChatLoadBenchmark [seconds=30] [visitors=16] [--file] [--warmup 10] [--embedded]</pre>
 * {@code --file}: DynamoDB Local on a SQLite file (default: in memory); {@code --embedded}: DynamoDB Local
 * in this JVM on a file, as {@code ./leadline start} runs it. Prints turns/s, p50/p99/max, errors, and
 * whether every completed conversation is in exactly one lead; exits 1 if not, or on any error.
 */
public final class ChatLoadBenchmark {

    private ChatLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        boolean file = false;
        boolean embedded = false;
        boolean dynamoOnly = false;
        int warmup = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--file" -> file = true;
                case "--embedded" -> embedded = true;
                case "--dynamodb-only" -> dynamoOnly = true;
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> positional.add(args[i]);
            }
        }
        int seconds = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 30;
        int visitors = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 16;

        Path data = Files.createTempDirectory("leadline-load");
        Process dynamo = null;
        try {
            LocalOptions options = new LocalOptions("127.0.0.1", 0, data.resolve("product"), Path.of("web"), Set.of("*"))
                    .withoutChatRateLimits();
            String storage = "DynamoDB Local embedded in this JVM, on a SQLite file";
            if (!embedded) {
                Path db = Files.createDirectories(data.resolve("dynamodb"));
                dynamo = startDynamoDbLocal(file ? db : null);
                options = options.withDynamoDbAt(URI.create("http://127.0.0.1:" + port(dynamo)));
                storage = "DynamoDB Local in its own JVM on loopback, " + (file ? "on a SQLite file" : "in memory");
            }
            if (dynamoOnly && dynamo != null) {
                dynamoDbAlone(options.dynamoDbEndpoint().orElseThrow(), dynamo, visitors, warmup, seconds);
                return;
            }
            try (LocalProduct product = LocalProduct.start(options)) {
                ChatLoad load = new ChatLoad(product.baseUrl());
                System.out.printf("chat load: %s; %d cores; load average before: %s%n", storage,
                        Runtime.getRuntime().availableProcessors(), loadAverage());
                Set<String> completed = new java.util.HashSet<>();
                if (warmup > 0) {
                    ChatLoad.Result w = load.run(visitors, Duration.ofSeconds(warmup));
                    System.out.println("warm-up: " + w.summary());
                    completed.addAll(w.completed());
                }
                Map<String, Long> callsBefore = DynamoDbCallCounter.snapshot();
                long cpuBefore = cpuNanos(ProcessHandle.current());
                long dynamoCpuBefore = dynamo == null ? 0 : cpuNanos(dynamo.toHandle());
                ChatLoad.Result r = load.run(visitors, Duration.ofSeconds(seconds));
                long cpu = cpuNanos(ProcessHandle.current()) - cpuBefore;
                long dynamoCpu = dynamo == null ? 0 : cpuNanos(dynamo.toHandle()) - dynamoCpuBefore;
                System.out.println("measured: " + r.summary());
                Map<String, Long> calls = DynamoDbCallCounter.since(callsBefore);
                if (dynamo != null) { // the embedded client bypasses the SDK's pipeline, so it is not counted
                    System.out.printf("AWS calls per request: %.2f %s%n",
                            calls.values().stream().mapToLong(Long::longValue).sum() / (double) r.requests(), calls);
                }
                System.out.printf("CPU per request: %.2f ms in this JVM (gateway, functions, load generator)%s%n",
                        cpu / 1e6 / r.requests(), dynamo == null ? ""
                                : String.format(", %.2f ms in DynamoDB Local's JVM", dynamoCpu / 1e6 / r.requests()));
                System.out.printf("turns/s %.0f, p50 %.1f ms, p99 %.1f ms, max %.1f ms, errors %d; load average after: %s%n",
                        r.perSecond(), r.percentileMillis(50), r.percentileMillis(99), r.percentileMillis(100),
                        r.requests() - r.statuses().entrySet().stream().filter(e -> e.getKey() / 100 == 2)
                                .mapToInt(java.util.Map.Entry::getValue).sum(), loadAverage());
                completed.addAll(r.completed());
                List<String> problems = ChatLoad.leads(product).problems(completed);
                System.out.println(problems.isEmpty()
                        ? "leads: every completed conversation (warm-up and measured) is in exactly one lead, no other lead"
                        : "leads: " + problems.size() + " problems, first " + problems.getFirst());
                if (!problems.isEmpty() || !r.errorFree()) {
                    System.exit(1);
                }
            }
        } finally {
            if (dynamo != null) {
                dynamo.getOutputStream().close();
                dynamo.waitFor();
            }
        }
        System.exit(0);
    }

    /**
     * DynamoDB Local on its own: {@code threads} callers each storing a small item and reading it back
     * (PutItem then GetItem, about a conversation item's size) as fast as it answers.
     */
    private static void dynamoDbAlone(URI endpoint, Process dynamo, int threads, int warmup, int seconds) throws Exception {
        var client = software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder().endpointOverride(endpoint)
                .region(software.amazon.awssdk.regions.Region.of("local"))
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
        client.createTable(b -> b.tableName("scratch").billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH")));
        String padding = "x".repeat(600);
        java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();
        java.util.function.IntFunction<Long> run = secs -> {
            java.util.concurrent.atomic.LongAdder calls = new java.util.concurrent.atomic.LongAdder();
            long end = System.nanoTime() + secs * 1_000_000_000L;
            try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < threads; t++) {
                    pool.submit(() -> {
                        while (System.nanoTime() < end) {
                            var key = software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("k" + ids.incrementAndGet());
                            client.putItem(b -> b.tableName("scratch").item(Map.of("pk", key,
                                    "body", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(padding))));
                            client.getItem(b -> b.tableName("scratch").key(Map.of("pk", key)).consistentRead(true));
                            calls.add(2);
                        }
                    });
                }
            }
            return calls.sum();
        };
        run.apply(warmup);
        long cpuBefore = cpuNanos(dynamo.toHandle());
        long t0 = System.nanoTime();
        long calls = run.apply(seconds);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        System.out.printf("DynamoDB Local alone, %d callers: %,d calls in %.0f s (%.0f calls/s, PutItem and GetItem "
                        + "alternately), %.2f ms CPU per call in its JVM; load average %s%n", threads, calls, elapsed,
                calls / elapsed, (cpuNanos(dynamo.toHandle()) - cpuBefore) / 1e6 / calls, loadAverage());
        client.close();
    }

    private static Process startDynamoDbLocal(Path directory) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        // Extra JVM options for DynamoDB Local's JVM (a flight recording, a heap size), space-separated.
        String extra = System.getenv().getOrDefault("LEADLINE_DYNAMODB_JAVA_OPTS", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DynamoDbLocalServer.class.getName()));
        if (directory != null) {
            command.add(directory.toString());
        }
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static int port(Process dynamo) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(dynamo.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("port ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new IllegalStateException("DynamoDB Local did not start");
    }

    /** CPU time (user and system) of a process so far, from /proc (0 where there is none). */
    private static long cpuNanos(ProcessHandle process) {
        try {
            String[] f = Files.readString(Path.of("/proc/" + process.pid() + "/stat")).split("\\) ", 2)[1].split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }
}
