package io.leadline.bench.coldstart;

import io.leadline.bench.WholeProcess;
import io.leadline.testing.Percentiles;

import java.io.IOException;
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
import java.util.stream.Stream;

/**
 * Cold starts, whole process: JVM start to the first answer of each function's real handler, run by
 * the Lambda runtime interface client over the unpacked deployment package with a real event on the
 * wire, DynamoDB Local (in this process) and moto's KMS (its own process) on loopback, so storage and
 * keys are network calls. Each configuration runs in a fresh JVM, round-robin, so drift in the
 * machine's load spreads over all of them. See BENCHMARKS.md.
 *
 * <p>Usage: {@code ./leadline bench coldstart [runs] [all|chat,leads-api,retention,funnel]
 * [defaults,c1,c1-noperfdata,c1-noverify,cds,cds-jar,aot,aot-jar,runtime-aot] [2,1] [plain,spring]}: runs per configuration, functions, JVM variants, CPU sets
 * (2 cores, or pinned to 1) and entries; every combination is measured.
 *
 * <p>{@code -Dleadline.coldstart.builds=label=dir,label=dir} measures other builds' packages instead
 * (each dir a build's benchmarks/target/lambda-packages), interleaved in the same rounds, so that one
 * change's effect is not lost in the drift between separate runs.
 */
public final class ColdStartBenchmark {

    /**
     * A JVM configuration to compare: its name, its flags beyond the managed runtime's own, and, for a
     * class-data archive, the flag that writes it in a training run and the one that reads it
     * ({archive} stands for its path). A jar layout puts the package in the task root's lib/ as one
     * jar instead of unpacking it: class-data archives take classes from jars only.
     */
    record Variant(String name, List<String> flags, String trainFlag, String runFlag, boolean jarLayout,
                   boolean runtimeClientOnly) {
        Variant(String name, List<String> flags) {
            this(name, flags, null, null, false, false);
        }

        Variant(String name, List<String> flags, String trainFlag, String runFlag, boolean jarLayout) {
            this(name, flags, trainFlag, runFlag, jarLayout, false);
        }

        boolean archived() {
            return trainFlag != null;
        }
    }

    /** One cell of the table; build is null for this build's packages. */
    record Config(LambdaFunction function, LambdaProcess.Entry entry, Variant variant, String cpus, String build) {
        String cpuLabel() {
            return cpus == null ? "2 cores" : "1 core";
        }

        String functionLabel() {
            return build == null ? function.module : function.module + " @ " + build;
        }
    }

    /** What the managed runtime gives every JVM at 1,024 MB, as far as a function can see: serial GC, heap 85 %. */
    static final List<String> RUNTIME_FLAGS = List.of("-XX:+UseSerialGC", "-XX:MaxHeapSize=891289k",
            "-Dorg.springframework.boot.logging.LoggingSystem=none", "--enable-native-access=ALL-UNNAMED");

    static final Variant JVM_DEFAULTS = new Variant("JIT defaults (C1+C2)", List.of());
    static final List<String> C1_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");
    static final Variant C1 = new Variant("-XX:TieredStopAtLevel=1", C1_FLAGS);
    /** C1 without the JVM's performance-counter file (hsperfdata: an mmap'd file in /tmp, read only by jstat and the like). */
    static final Variant C1_NO_PERF_DATA = new Variant("C1 + -XX:-UsePerfData",
            Stream.concat(C1_FLAGS.stream(), Stream.of("-XX:-UsePerfData")).toList());
    /** C1 without verifying the function's bytecode (a diagnostic flag in JDK 25): measured to say what verifying costs, not shipped. */
    static final Variant C1_NO_VERIFY = new Variant("C1 + -XX:-BytecodeVerificationRemote",
            Stream.concat(C1_FLAGS.stream(), Stream.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote")).toList());
    static final Variant CDS = new Variant("C1 + dynamic AppCDS", C1_FLAGS,
            "-XX:ArchiveClassesAtExit={archive}", "-XX:SharedArchiveFile={archive}", false);
    static final Variant CDS_JAR = new Variant("C1 + dynamic AppCDS, lib/ jar", C1_FLAGS,
            "-XX:ArchiveClassesAtExit={archive}", "-XX:SharedArchiveFile={archive}", true);
    static final Variant AOT = new Variant("C1 + AOT cache", C1_FLAGS,
            "-XX:AOTCacheOutput={archive}", "-XX:AOTCache={archive}", false);
    static final Variant AOT_JAR = new Variant("C1 + AOT cache, lib/ jar", C1_FLAGS,
            "-XX:AOTCacheOutput={archive}", "-XX:AOTCache={archive}", true);
    /**
     * What Lambda's java25 runtime does by itself: an AOT cache of the runtime client (and the JDK classes
     * it uses), trained on a function that only answers, so none of the function's own classes are in it.
     */
    static final Variant RUNTIME_AOT = new Variant("C1 + runtime client's AOT cache (java25)", C1_FLAGS,
            "-XX:AOTCacheOutput={archive}", "-XX:AOTCache={archive}", false, true);

    private ColdStartBenchmark() {
    }

    static Variant variant(String name) {
        return switch (name) {
            case "defaults" -> JVM_DEFAULTS;
            case "c1" -> C1;
            case "c1-noperfdata" -> C1_NO_PERF_DATA;
            case "c1-noverify" -> C1_NO_VERIFY;
            case "cds" -> CDS;
            case "cds-jar" -> CDS_JAR;
            case "aot" -> AOT;
            case "aot-jar" -> AOT_JAR;
            case "runtime-aot" -> RUNTIME_AOT;
            default -> throw new IllegalArgumentException("unknown variant " + name
                    + " (defaults, c1, c1-noperfdata, c1-noverify, cds, cds-jar, aot, aot-jar, runtime-aot)");
        };
    }

    public static void main(String[] args) {
        WholeProcess.runThenExit(() -> measure(args));
    }

    private static void measure(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<LambdaFunction> functions = LambdaBench.functions(args, 1);
        try (LambdaBench bench = LambdaBench.open()) {
            Path work = bench.work;
            LambdaProcess lambda = bench.lambda;
            Map<LambdaFunction, Path> taskRoots = new LinkedHashMap<>();
            Map<LambdaFunction, Path> jarTaskRoots = new LinkedHashMap<>();
            for (LambdaFunction f : functions) {
                taskRoots.put(f, bench.taskRoot(f));
                Path lib = Files.createDirectories(work.resolve("task-jar").resolve(f.module).resolve("lib"));
                Files.copy(bench.deploymentPackage(f), lib.resolve(f.module + ".jar"), StandardCopyOption.REPLACE_EXISTING);
                jarTaskRoots.put(f, lib.getParent().toAbsolutePath());
            }

            List<Variant> variants = args.length > 2 ? Arrays.stream(args[2].split(",")).map(ColdStartBenchmark::variant).toList()
                    : List.of(JVM_DEFAULTS, C1);
            List<String> cpuSets = args.length > 3 ? Arrays.stream(args[3].split(",")).map(c -> c.equals("2") ? null : "0").toList()
                    : Arrays.asList(null, "0");
            List<LambdaProcess.Entry> entries = args.length > 4
                    ? Arrays.stream(args[4].split(",")).map(e -> LambdaProcess.Entry.valueOf(e.toUpperCase(Locale.ROOT))).toList()
                    : List.of(LambdaProcess.Entry.values());
            Map<String, Path> builds = builds();
            Map<String, Path> buildRoots = new HashMap<>();
            for (var b : builds.entrySet()) {
                for (LambdaFunction f : functions) {
                    buildRoots.put(b.getKey() + "/" + f.module, bench.taskRoot(f, b.getKey(), b.getValue()));
                }
            }
            if (!builds.isEmpty()) {
                // What earlier builds had from the template: their Log4j configuration's name and Spring Boot's
                // banner off (later builds ignore the first and set the second in application.properties).
                Map<String, String> env = new HashMap<>(bench.environment);
                env.put("LOG4J_CONFIGURATION_FILE", "leadline-log4j2.xml");
                env.put("SPRING_MAIN_BANNER_MODE", "off");
                lambda = lambda.withEnvironment(env);
            }
            List<String> buildLabels = builds.isEmpty() ? Arrays.asList((String) null) : List.copyOf(builds.keySet());
            List<Config> configs = new ArrayList<>();
            Map<Config, Path> roots = new HashMap<>(); // the task root each configuration runs from
            for (LambdaFunction f : functions) {
                for (String cpus : cpuSets) {
                    for (LambdaProcess.Entry entry : entries) {
                        for (Variant v : variants) {
                            for (String build : buildLabels) {
                                if (build != null && v.jarLayout()) {
                                    throw new IllegalArgumentException("other builds are measured unpacked only");
                                }
                                Config c = new Config(f, entry, v, cpus, build);
                                configs.add(c);
                                roots.put(c, build != null ? buildRoots.get(build + "/" + f.module)
                                        : v.jarLayout() ? jarTaskRoots.get(f) : taskRoots.get(f));
                            }
                        }
                    }
                }
            }
            // The harness (and DynamoDB Local in it) stays off the pinned core.
            pinSelf("1");
            // Archives come from one training run per function, entry and variant (a build step, as they
            // would be made when the package is built), before anything is measured.
            Map<Config, List<String>> flagsOf = new HashMap<>();
            Path archives = work.resolve("archives");
            LambdaBench.deleteTree(archives); // an archive is only valid for the packages and JDK it was made from
            Files.createDirectories(archives);
            for (Config c : configs) {
                Path root = roots.get(c);
                List<String> flags = new ArrayList<>(RUNTIME_FLAGS);
                flags.addAll(c.variant().flags());
                if (c.variant().archived()) {
                    String owner = c.variant().runtimeClientOnly() ? "runtime-client"
                            : c.functionLabel().replaceAll("[^A-Za-z0-9-]+", "_") + "-" + c.entry().name().toLowerCase(Locale.ROOT);
                    String archive = archives.resolve(owner + "-" + c.variant().name().replaceAll("[^A-Za-z0-9]+", "_")
                            + ".archive").toAbsolutePath().toString();
                    if (!Files.exists(Path.of(archive))) {
                        List<String> training = new ArrayList<>(flags);
                        training.add(c.variant().trainFlag().replace("{archive}", archive));
                        if (c.variant().runtimeClientOnly()) {
                            String event = c.function().script().next(null, 0);
                            lambda.run(c.function(), EchoFunction.class.getName() + "::handleRequest", (previous, step) -> event,
                                    echoTaskRoot(work), training, 3);
                        } else {
                            lambda.run(c.function(), c.entry(), root, training, null, c.function() == LambdaFunction.CHAT ? 6 : 2);
                        }
                        if (!Files.exists(Path.of(archive))) {
                            throw new IllegalStateException("the training run wrote no archive for " + c);
                        }
                    }
                    flags.add(c.variant().runFlag().replace("{archive}", archive));
                }
                flagsOf.put(c, flags);
            }
            Map<Config, List<LambdaProcess.Run>> results = new LinkedHashMap<>();
            System.out.printf("cold starts: %d configurations x %d runs (+1 discarded warm-up each)%n", configs.size(), runs);
            for (int round = 0; round <= runs; round++) {
                for (Config c : configs) {
                    int invocations = c.function() == LambdaFunction.CHAT ? 6 : 2;
                    List<String> flags = new ArrayList<>(flagsOf.get(c));
                    // For looking inside a run (e.g. -XX:StartFlightRecording=...): not part of any reported figure.
                    String extra = System.getProperty("leadline.coldstart.jvmFlags", "");
                    if (!extra.isBlank()) {
                        flags.addAll(List.of(extra.trim().split("\\s+")));
                    }
                    LambdaProcess.Run run = lambda.run(c.function(), c.entry(), roots.get(c), flags, c.cpus(), invocations);
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
                    c.functionLabel(), c.entry() == LambdaProcess.Entry.SPRING ? "Spring Cloud Function" : "plain handler",
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
                System.out.printf("  %-22s %-22s %-26s %-8s %s%n", c.build() == null ? "" : c.build(), c.entry(), c.variant().name(), c.cpuLabel(), sb);
            }
        }
    }

    /** A task root holding only {@link EchoFunction}'s class file. */
    private static Path echoTaskRoot(Path work) throws IOException {
        String file = EchoFunction.class.getName().replace('.', '/') + ".class";
        Path root = work.resolve("task-echo");
        Path target = Files.createDirectories(root.resolve(file).getParent()).resolve(Path.of(file).getFileName());
        try (var in = ColdStartBenchmark.class.getClassLoader().getResourceAsStream(file)) {
            Files.copy(java.util.Objects.requireNonNull(in, file), target, StandardCopyOption.REPLACE_EXISTING);
        }
        return root.toAbsolutePath();
    }

    /** Other builds to measure, from -Dleadline.coldstart.builds=label=dir,...; empty for this build's own. */
    private static Map<String, Path> builds() {
        Map<String, Path> builds = new LinkedHashMap<>();
        String spec = System.getProperty("leadline.coldstart.builds", "");
        for (String item : spec.isBlank() ? new String[0] : spec.split(",")) {
            String[] parts = item.split("=", 2);
            if (parts.length != 2 || !Files.isDirectory(Path.of(parts[1]))) {
                throw new IllegalArgumentException("leadline.coldstart.builds: label=directory of lambda packages, not " + item);
            }
            builds.put(parts[0], Path.of(parts[1]));
        }
        return builds;
    }

    /** Pins this process's threads to the given CPUs, so a pinned function has its core to itself. */
    private static void pinSelf(String cpus) throws IOException, InterruptedException {
        new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }
}
