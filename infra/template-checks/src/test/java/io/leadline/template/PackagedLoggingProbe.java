package io.leadline.template;

import org.slf4j.LoggerFactory;

/**
 * Run in its own JVM with only a function's Lambda package (and this class) on the class path: logs
 * one line at INFO through SLF4J, as the functions do, so a test can see what reaches stdout in Lambda.
 */
public final class PackagedLoggingProbe {

    public static void main(String[] args) {
        LoggerFactory.getLogger("io.leadline.probe").info("probe {} reached the log", "line");
        LoggerFactory.getLogger("org.springframework.cloud.function.adapter.aws.Probe").info("a Spring adapter line");
    }
}
