package io.leadline.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures every log line (message and stack trace) and anything else written to stdout and stderr,
 * under the production logging configuration: slf4j-simple reads simplelogger.properties from the
 * class path and writes each line to the stdout of the moment, as Lambda captures it.
 */
public final class CapturedLogs implements AutoCloseable {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    private CapturedLogs() {
        System.setOut(new PrintStream(tee(out, console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(err, console), true, StandardCharsets.UTF_8));
    }

    /** Starts capturing. */
    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** Every log line and everything printed, so far. */
    public String text() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setOut(out);
        System.setErr(err);
    }

    private static OutputStream tee(OutputStream a, OutputStream b) {
        return new OutputStream() {
            @Override
            public void write(int x) throws java.io.IOException {
                a.write(x);
                b.write(x);
            }

            @Override
            public void write(byte[] bytes, int off, int len) throws java.io.IOException {
                a.write(bytes, off, len);
                b.write(bytes, off, len);
            }
        };
    }
}
