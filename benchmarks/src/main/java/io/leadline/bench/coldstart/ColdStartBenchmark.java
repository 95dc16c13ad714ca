package io.leadline.bench.coldstart;

import io.leadline.bench.Percentiles;
import io.leadline.config.LeadlineConfig;
import io.leadline.storage.TableProvisioner;
import io.leadline.storage.TableSpecs;
import io.leadline.testing.LoopbackDynamoDb;
import io.leadline.testing.MotoServer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Cold starts, whole process: JVM start to the first answer of each function's real handler, run by
 * the Lambda runtime interface client over the unpacked deployment package with a real event on the
 * wire, DynamoDB Local (in this process) and moto's KMS (its own process) on loopback, so storage and
 * keys are network calls. Each configuration runs in a fresh JVM, round-robin, so drift in the
 * machine's load spreads over all of them. See BENCHMARKS.md.
 *
 * <p>Usage: {@code ./leadline bench coldstart [runs] [all|chat,leads-api,retention,funnel]
 * [defaults,c1] [2,1] [plain,spring]}: runs per configuration, functions, JVM variants, CPU sets
 * (2 cores, or pinned to 1) and entries; every combination is measured.
 */
public final class ColdStartBenchmark {

    /** A JVM configuration to compare: its name and its flags beyond the managed runtime's own. */
    record Variant(String name, List<String> flags) {
    }

    /** One cell of the table. */
    record Config(LambdaFunction function, LambdaProcess.Entry entry, Variant variant, String cpus) {
        String cpuLabel() {
            return cpus == null ? "2 cores" : "1 core";
        }
    }

    /** What the managed runtime gives every JVM at 1,024 MB, as far as a function can see: serial GC, heap 85 %. */
    static final List<String> RUNTIME_FLAGS = List.of("-XX:+UseSerialGC", "-Xshare:auto", "-XX:MaxHeapSize=891289k",
            "-Dorg.springframework.boot.logging.LoggingSystem=none", "--enable-native-access=ALL-UNNAMED");

    static final Variant JVM_DEFAULTS = new Variant("JIT defaults (C1+C2)", List.of());
    static final Variant C1 = new Variant("-XX:TieredStopAtLevel=1", List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));

    private ColdStartBenchmark() {
    }

    static Variant variant(String name) {
        return switch (name) {
            case "defaults" -> JVM_DEFAULTS;
            case "c1" -> C1;
            default -> throw new IllegalArgumentException("unknown variant " + name + " (defaults, c1)");
        };
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<LambdaFunction> functions = args.length > 1 && !args[1].equals("all")
                ? Arrays.stream(args[1].split(",")).map(s -> LambdaFunction.valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'))).toList()
                : List.of(LambdaFunction.values());
        Path target = Path.of("benchmarks", "target");
        Path work = Files.createDirectories(target.resolve("coldstart"));
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        String runtimeClasspath;
        try (var jars = Files.list(target.resolve("lambda-runtime"))) {
            runtimeClasspath = jars.map(Path::toAbsolutePath).map(Path::toString).sorted().collect(Collectors.joining(":"));
        }
        Map<LambdaFunction, Path> taskRoots = new LinkedHashMap<>();
        for (LambdaFunction f : functions) {
            taskRoots.put(f, unpack(target.resolve("lambda-packages").resolve("leadline-function-" + f.module + "-lambda.jar"),
                    work.resolve("task").resolve(f.module)));
        }

        try (LoopbackDynamoDb dynamo = LoopbackDynamoDb.start(); MotoServer moto = MotoServer.start()) {
            LeadlineConfig defaults = LeadlineConfig.from(Map.of("LEADLINE_KEYRING", "local", "LEADLINE_LOCAL_KEY_FILE", "unused"));
            new TableProvisioner(dynamo.client()).ensure(TableSpecs.all(defaults.tables()));
            String keyArn = moto.kms().createKey(b -> b.description("leadline bench")).keyMetadata().arn();
            Map<String, String> env = lambdaEnvironment(dynamo, moto, keyArn);
            LambdaProcess lambda = new LambdaProcess(java, runtimeClasspath, env, Files.createDirectories(work.resolve("logs")));

            List<Variant> variants = args.length > 2 ? Arrays.stream(args[2].split(",")).map(ColdStartBenchmark::variant).toList()
                    : List.of(JVM_DEFAULTS, C1);
            List<String> cpuSets = args.length > 3 ? Arrays.stream(args[3].split(",")).map(c -> c.equals("2") ? null : "0").toList()
                    : Arrays.asList(null, "0");
            List<LambdaProcess.Entry> entries = args.length > 4
                    ? Arrays.stream(args[4].split(",")).map(e -> LambdaProcess.Entry.valueOf(e.toUpperCase(Locale.ROOT))).toList()
                    : List.of(LambdaProcess.Entry.values());
            List<Config> configs = new ArrayList<>();
            for (LambdaFunction f : functions) {
                for (String cpus : cpuSets) {
                    for (LambdaProcess.Entry entry : entries) {
                        for (Variant v : variants) {
                            configs.add(new Config(f, entry, v, cpus));
                        }
                    }
                }
            }
            // The harness (and DynamoDB Local in it) stays off the pinned core.
            pinSelf("1");
            Map<Config, List<LambdaProcess.Run>> results = new LinkedHashMap<>();
            System.out.printf("cold starts: %d configurations x %d runs (+1 discarded warm-up each), %s%n", configs.size(), runs, java);
            for (int round = 0; round <= runs; round++) {
                for (Config c : configs) {
                    int invocations = c.function() == LambdaFunction.CHAT ? 6 : 2;
                    List<String> flags = new ArrayList<>(RUNTIME_FLAGS);
                    flags.addAll(c.variant().flags());
                    // For looking inside a run (e.g. -XX:StartFlightRecording=...): not part of any reported figure.
                    String extra = System.getProperty("leadline.coldstart.jvmFlags", "");
                    if (!extra.isBlank()) {
                        flags.addAll(List.of(extra.trim().split("\\s+")));
                    }
                    LambdaProcess.Run run = lambda.run(c.function(), c.entry(), taskRoots.get(c.function()), flags, c.cpus(), invocations);
                    if (run.statuses().stream().anyMatch(s -> s >= 400)) {
                        throw new IllegalStateException(c + " answered " + run.statuses());
                    }
                    if (round > 0) { // round 0 warms the page cache and DynamoDB Local, as a deployed package is warm on disk
                        results.computeIfAbsent(c, k -> new ArrayList<>()).add(run);
                    }
                }
                System.out.printf("round %d/%d done%n", round, runs);
            }
            print(results);
        }
    }

    private static void print(Map<Config, List<LambdaProcess.Run>> results) {
        System.out.println();
        System.out.println("| Function | Entry | JIT | CPUs | Init p50 | **First answer p50** | First answer p90 | Next request p50 | Peak RSS p50 |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (var e : results.entrySet()) {
            Config c = e.getKey();
            List<LambdaProcess.Run> runs = e.getValue();
            double[] init = runs.stream().mapToDouble(LambdaProcess.Run::initMs).toArray();
            double[] first = runs.stream().mapToDouble(LambdaProcess.Run::firstMs).toArray();
            double[] next = runs.stream().mapToDouble(r -> r.laterMs().get(0)).toArray();
            double[] rss = runs.stream().mapToDouble(r -> r.rssKb() / 1024.0).toArray();
            System.out.printf("| %s | %s | %s | %s | %.0f ms | **%.0f ms** | %.0f ms | %.1f ms | %.0f MB |%n",
                    c.function().module, c.entry() == LambdaProcess.Entry.SPRING ? "Spring Cloud Function" : "plain RequestHandler",
                    c.variant().name(), c.cpuLabel(), Percentiles.of(init, 50), Percentiles.of(first, 50),
                    Percentiles.of(first, 90), Percentiles.of(next, 50), Percentiles.of(rss, 50));
        }
        List<Map.Entry<Config, List<LambdaProcess.Run>>> chat = results.entrySet().stream()
                .filter(e -> e.getKey().function() == LambdaFunction.CHAT).toList();
        if (!chat.isEmpty()) {
            System.out.println();
            System.out.println("Chat, the first conversation in a new container (p50 of each turn, ms): start (cold), choice, consent, name, e-mail, phone (captures the lead: first KMS call)");
            for (var e : chat) {
                Config c = e.getKey();
                StringBuilder sb = new StringBuilder();
                sb.append(String.format("%.0f", Percentiles.of(e.getValue().stream().mapToDouble(LambdaProcess.Run::firstMs).toArray(), 50)));
                for (int i = 0; i < 5; i++) {
                    int turn = i;
                    sb.append(String.format(" / %.0f", Percentiles.of(e.getValue().stream().mapToDouble(r -> r.laterMs().get(turn)).toArray(), 50)));
                }
                System.out.printf("  %-22s %-26s %-8s %s%n", c.entry(), c.variant().name(), c.cpuLabel(), sb);
            }
        }
    }

    /** The environment Lambda and template.yaml give a function, pointed at the loopback services. */
    static Map<String, String> lambdaEnvironment(LoopbackDynamoDb dynamo, MotoServer moto, String keyArn) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_REGION", "ap-southeast-1");
        env.put("AWS_DEFAULT_REGION", "ap-southeast-1");
        env.put("AWS_ACCESS_KEY_ID", "bench");
        env.put("AWS_SECRET_ACCESS_KEY", "bench");
        env.put("AWS_SESSION_TOKEN", "bench");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/leadline-bench");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "bench");
        env.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        env.put("LEADLINE_KEYRING", "kms");
        env.put("LEADLINE_KMS_KEY_ID", keyArn);
        env.put("LEADLINE_KMS_ENDPOINT", moto.endpoint().toString());
        env.put("LEADLINE_DYNAMODB_ENDPOINT", dynamo.endpoint().toString());
        env.put("SPRING_MAIN_BANNER_MODE", "off");
        env.put("LOG4J_CONFIGURATION_FILE", "leadline-log4j2.xml");
        return env;
    }

    /** Unpacks a deployment package as Lambda does (classes at the root of the task directory). */
    static Path unpack(Path jar, Path dir) throws IOException {
        Path marker = dir.resolve(".unpacked-from");
        String stamp = jar.toAbsolutePath() + " " + Files.getLastModifiedTime(jar) + " " + Files.size(jar);
        if (Files.exists(marker) && Files.readString(marker).equals(stamp)) {
            return dir.toAbsolutePath();
        }
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path out = dir.resolve(entry.getName()).normalize();
                if (!out.startsWith(dir)) {
                    throw new IOException("entry outside the package: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(new NonClosing(zip), out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(marker, stamp);
        return dir.toAbsolutePath();
    }

    /** Pins this process's threads to the given CPUs, so a pinned function has its core to itself. */
    private static void pinSelf(String cpus) throws IOException, InterruptedException {
        new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    /** Keeps Files.copy from closing the zip stream after each entry. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
