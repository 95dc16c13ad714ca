package io.leadline.template;

import org.apache.commons.logging.LogFactory;
import org.slf4j.LoggerFactory;

/**
 * Run in its own JVM with only a function's Lambda package (and this class) on the class path: logs
 * at INFO through SLF4J, as our code and the AWS SDK do, and through commons-logging under a Spring
 * adapter's name, as Spring does, so a test can see what reaches stdout in Lambda.
 */
public final class PackagedLoggingProbe {

    public static void main(String[] args) {
        LoggerFactory.getLogger("io.leadline.probe").info("probe {} reached the log", "line");
        var spring = LogFactory.getLog("org.springframework.cloud.function.adapter.aws.AWSLambdaUtils");
        spring.info("a Spring adapter line");
        spring.warn("a Spring adapter warning");
    }
}
