package io.leadline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the whole-process benchmarks share: ending their JVM, and reading a process's peak memory. */
public final class WholeProcess {

    /** A benchmark's body, run by {@link #runThenExit}. */
    public interface Body {
        void run() throws Exception;
    }

    private WholeProcess() {
    }

    /**
     * Runs a benchmark and ends the JVM with its outcome: DynamoDB Local's background jobs are non-daemon
     * threads that outlive its stop(), so without this the JVM would wait forever after the last figure.
     */
    public static void runThenExit(Body body) {
        int status = 0;
        try {
            body.run();
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    /** The process's peak resident set in KiB (VmHWM), 0 where /proc does not say. */
    public static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
