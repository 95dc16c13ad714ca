package io.leadline.testing;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Captures every log line (message and stack trace) under a given Log4j 2 configuration, the
 * production one in the no-personal-data tests, plus anything written to stdout and stderr.
 */
public final class CapturedLogs implements AutoCloseable {

    private final LoggerContext context;
    private final URI previous;
    private final StringWriter lines = new StringWriter();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    private CapturedLogs(String configResource) {
        context = (LoggerContext) LogManager.getContext(false);
        previous = context.getConfigLocation();
        try {
            var url = CapturedLogs.class.getClassLoader().getResource(configResource);
            if (url == null) {
                throw new IllegalArgumentException("no " + configResource + " on the class path");
            }
            context.setConfigLocation(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Configuration config = context.getConfiguration();
        Appender appender = WriterAppender.newBuilder()
                .setName("captured")
                .setTarget(lines)
                .setLayout(PatternLayout.newBuilder().withConfiguration(config)
                        .withPattern("%level %logger %msg%n%throwable").build())
                .setConfiguration(config)
                .build();
        appender.start();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, null, null);
        for (LoggerConfig logger : config.getLoggers().values()) {
            if (!logger.getAppenders().containsKey("captured")) {
                logger.addAppender(appender, null, null);
            }
        }
        context.updateLoggers();
        System.setOut(new PrintStream(tee(out, console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(err, console), true, StandardCharsets.UTF_8));
    }

    /** Starts capturing under the Log4j 2 configuration at this class-path resource. */
    public static CapturedLogs under(String configResource) {
        return new CapturedLogs(configResource);
    }

    /** Every log line and everything printed, so far. */
    public String text() {
        return lines + "\n" + console.toString(StandardCharsets.UTF_8);
    }

    public String logLines() {
        return lines.toString();
    }

    @Override
    public void close() {
        System.setOut(out);
        System.setErr(err);
        context.setConfigLocation(previous);
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
