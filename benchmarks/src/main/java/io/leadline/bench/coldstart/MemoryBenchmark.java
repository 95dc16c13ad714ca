package io.leadline.bench.coldstart;

import io.leadline.bench.WholeProcess;
import io.leadline.testing.Percentiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Memory: each function in one execution environment per Lambda memory size, its heap capped at 85 %
 * of that size (heap, metaspace, code cache and threads must all fit), serving a few hundred
 * invocations one after another (the chat: whole conversations, each ending in a captured lead). A
 * size is big enough when nothing fails and the warm latency is no worse than at 1,024 MB; the peak
 * resident set says how much of the size the JVM really touches. CPU share, which Lambda scales with
 * memory, cannot be reproduced here: see BENCHMARKS.md.
 *
 * <p>Usage: {@code ./leadline bench memory [invocations] [function,...] [size,...]}.
 */
public final class MemoryBenchmark {

    private MemoryBenchmark() {
    }

    public static void main(String[] args) {
        WholeProcess.runThenExit(() -> measure(args));
    }

    private static void measure(String[] args) throws Exception {
        int invocations = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        List<LambdaFunction> functions = LambdaBench.functions(args, 1);
        List<Integer> sizes = args.length > 2 ? Arrays.stream(args[2].split(",")).map(Integer::parseInt).toList()
                : List.of(256, 384, 512, 768, 1024);
        try (LambdaBench bench = LambdaBench.open()) {
            System.out.println("| Function | Memory size | Heap cap | Invocations | Warm p50 | Warm p99 | Peak RSS | Failures |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
            for (LambdaFunction f : functions) {
                Path root = bench.taskRoot(f);
                for (int size : sizes) {
                    Map<String, String> env = new HashMap<>(bench.environment);
                    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(size));
                    List<String> flags = new ArrayList<>(ColdStartBenchmark.RUNTIME_FLAGS.stream()
                            .filter(flag -> !flag.startsWith("-XX:MaxHeapSize")).toList());
                    flags.add("-XX:MaxHeapSize=" + size * 85 / 100 + "m");
                    flags.addAll(ColdStartBenchmark.C1_FLAGS);
                    String result;
                    try {
                        LambdaProcess.Run run = bench.lambda.withEnvironment(env).run(f, LambdaProcess.Entry.SPRING, root, flags, null, invocations);
                        // The warm latency over the second half: the first invocations still load classes.
                        List<Double> later = run.laterMs().subList(run.laterMs().size() / 2, run.laterMs().size());
                        double[] warm = later.stream().mapToDouble(Double::doubleValue).toArray();
                        long failures = run.statuses().stream().filter(s -> s >= 400).count();
                        result = String.format("%d | %.1f ms | %.1f ms | %.0f MB | %d", invocations, Percentiles.of(warm, 50),
                                Percentiles.of(warm, 99), run.rssKb() / 1024.0, failures);
                    } catch (IllegalStateException e) {
                        result = "- | - | - | - | failed: " + e.getMessage().lines().findFirst().orElse("");
                    }
                    System.out.printf("| %s | %d MB | %d MB | %s |%n", f.module, size, size * 85 / 100, result);
                }
            }
        }
    }
}
