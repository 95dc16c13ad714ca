package io.leadline.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Start-up probes in fresh JVMs: each run starts the benchmark's own class in a new JVM with the
 * template's C1 flag and serial GC; the probe prints "answered …" the moment its work is done, then one
 * line of figures. Configurations run round-robin, so drift in the machine's load spreads over all.
 */
final class FreshJvms {

    /** One run of a configuration: its figures, the first of them in ms. */
    interface Run<K> {
        double[] run(K configuration) throws Exception;
    }

    private FreshJvms() {
    }

    /** Every configuration {@code runs} times, round by round, after one discarded round (warms the page cache). */
    static <K extends Enum<K>> Map<K, List<double[]>> roundRobin(Class<K> type, int runs, Run<K> run) throws Exception {
        Map<K, List<double[]>> results = new EnumMap<>(type);
        for (int round = 0; round <= runs; round++) {
            for (K configuration : type.getEnumConstants()) {
                double[] figures = run.run(configuration);
                if (round > 0) {
                    results.computeIfAbsent(configuration, c -> new ArrayList<>()).add(figures);
                }
            }
        }
        return results;
    }

    /** Runs {@code main} with the arguments in a fresh JVM: {ms until it answered, then its line of figures}. */
    static double[] probe(Class<?> main, List<String> jvmFlags, String... arguments) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(Arrays.asList(arguments));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String answered = out.readLine();
            long elapsed = System.nanoTime() - started;
            if (answered == null || !answered.startsWith("answered ")) {
                throw new IllegalStateException(String.join(" ", arguments) + ": no answer (" + answered + ")");
            }
            String[] figures = out.readLine().trim().split(" ");
            process.waitFor();
            double[] result = new double[figures.length + 1];
            result[0] = elapsed / 1e6;
            for (int i = 0; i < figures.length; i++) {
                result[i + 1] = Double.parseDouble(figures[i]);
            }
            return result;
        }
    }
}
