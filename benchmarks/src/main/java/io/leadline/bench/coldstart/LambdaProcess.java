package io.leadline.bench.coldstart;

import io.leadline.bench.WholeProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One execution environment: a fresh JVM running the Lambda runtime interface client over a task root
 * (the unpacked deployment package), as the managed Java runtime starts it, talking to a Runtime API on
 * loopback. It is invoked a scripted number of times and then stopped.
 */
final class LambdaProcess {

    /** Which entry point Lambda calls. */
    enum Entry { PLAIN, SPRING }

    /**
     * What one environment showed. Times in ms: init (JVM start until the runtime asked for its first
     * event), first (JVM start until the first answer: the cold start a caller waits for), then each
     * later invocation's own latency. rssKb is the peak resident set (VmHWM) after the last invocation.
     */
    record Run(double initMs, double firstMs, List<Double> laterMs, long rssKb, List<Integer> statuses) {
    }

    private final Path java;
    private final String runtimeClasspath;
    private final Map<String, String> baseEnvironment;
    private final Path logs;

    LambdaProcess(Path java, String runtimeClasspath, Map<String, String> baseEnvironment, Path logs) {
        this.java = java;
        this.runtimeClasspath = runtimeClasspath;
        this.baseEnvironment = baseEnvironment;
        this.logs = logs;
    }

    /** The same, with another environment (e.g. another memory size). */
    LambdaProcess withEnvironment(Map<String, String> environment) {
        return new LambdaProcess(java, runtimeClasspath, environment, logs);
    }

    Run run(LambdaFunction function, Entry entry, Path taskRoot, List<String> jvmFlags, String cpus,
            int invocations) throws IOException, InterruptedException {
        return run(function, entry, handler(function, entry), function.script(), taskRoot, jvmFlags, cpus, invocations);
    }

    /**
     * Another handler in the function's environment, with its own events: a training run of the
     * runtime client alone ({@link EchoFunction}).
     */
    Run run(LambdaFunction function, String handler, LambdaFunction.Script script, Path taskRoot,
            List<String> jvmFlags, int invocations) throws IOException, InterruptedException {
        return run(function, Entry.PLAIN, handler, script, taskRoot, jvmFlags, null, invocations);
    }

    private Run run(LambdaFunction function, Entry entry, String handler, LambdaFunction.Script script, Path taskRoot,
                    List<String> jvmFlags, String cpus, int invocations) throws IOException, InterruptedException {
        try (RuntimeApi api = new RuntimeApi()) {
            List<String> command = new ArrayList<>();
            if (cpus != null) {
                command.addAll(List.of("taskset", "-c", cpus));
            }
            command.add(java.toString());
            command.addAll(jvmFlags);
            command.addAll(List.of("-cp", runtimeClasspath, "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                    handler));
            // The runtime client loads the function from its working directory, /var/task in Lambda.
            ProcessBuilder pb = new ProcessBuilder(command).directory(taskRoot.toFile());
            Map<String, String> env = pb.environment();
            env.clear();
            env.putAll(baseEnvironment);
            env.putAll(function.environment);
            env.put("AWS_LAMBDA_RUNTIME_API", api.address());
            env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
            env.put("_HANDLER", handler);
            env.put("AWS_LAMBDA_FUNCTION_NAME", "leadline-" + function.module);
            if (entry == Entry.SPRING) {
                env.put("MAIN_CLASS", function.springMainClass);
                env.put("SPRING_CLOUD_FUNCTION_DEFINITION", function.springDefinition);
            }
            Path log = logs.resolve(function.module + "-" + entry.name().toLowerCase() + ".log");
            pb.redirectErrorStream(true).redirectOutput(log.toFile());

            long started = System.nanoTime();
            Process process = pb.start();
            try {
                String event = script.next(null, 0);
                RuntimeApi.Answer first = await(api, process, api.invoke(event), log);
                long initDone = api.initDone().getNow(first.arrivedNanos());
                List<Integer> statuses = new ArrayList<>(List.of(LambdaEvents.status(first.body())));
                List<Double> later = new ArrayList<>();
                String previous = first.body();
                for (int i = 1; i < invocations; i++) {
                    event = script.next(previous, i);
                    long sent = System.nanoTime();
                    RuntimeApi.Answer answer = await(api, process, api.invoke(event), log);
                    later.add((answer.arrivedNanos() - sent) / 1e6);
                    statuses.add(LambdaEvents.status(answer.body()));
                    previous = answer.body();
                }
                return new Run((initDone - started) / 1e6, (first.arrivedNanos() - started) / 1e6, later,
                        WholeProcess.peakRssKb(process.pid()), statuses);
            } finally {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }

    static String handler(LambdaFunction function, Entry entry) {
        return entry == Entry.SPRING ? LambdaFunction.SPRING_INVOKER : function.plainHandler + "::handleRequest";
    }

    private static RuntimeApi.Answer await(RuntimeApi api, Process process,
                                           java.util.concurrent.CompletableFuture<RuntimeApi.Answer> answer,
                                           Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                RuntimeApi.Answer a = answer.get(50, TimeUnit.MILLISECONDS);
                if (a.error()) {
                    throw new IllegalStateException("the function answered with an error: " + a.body());
                }
                return a;
            } catch (java.util.concurrent.TimeoutException e) {
                if (api.initError().isDone()) {
                    throw new IllegalStateException("init failed: " + api.initError().join() + tail(log));
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("the function's JVM exited (" + process.exitValue() + ")" + tail(log));
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        throw new IllegalStateException("no answer within 60 s" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return "; last lines of " + log + ":\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
