package io.leadline.template;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Lambda package holds what the template points at, and none of what must stay out of it. */
class LambdaPackageIntegrationTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyFunctionsPackageHoldsItsHandlerItsStartClassAndNothingThatMustStayOut() throws Exception {
        CfnTemplate template = CfnTemplate.load();
        Map<String, String> modules = modulesByFunction();
        for (var function : template.resourcesOfType("AWS::Serverless::Function").entrySet()) {
            Map<String, Object> p = CfnTemplate.properties(function.getValue());
            String handler = ((String) p.get("Handler")).split("::")[0];
            String mainClass = (String) ((Map<String, Object>) ((Map<String, Object>) p.get("Environment")).get("Variables")).get("MAIN_CLASS");
            String module = modules.get(function.getKey());
            assertNotNull(module, "the Makefile builds " + function.getKey());
            try (JarFile jar = new JarFile(lambdaJar(module).toFile())) {
                String f = function.getKey() + ": ";
                assertNotNull(jar.getEntry(handler.replace('.', '/') + ".class"), f + handler);
                assertNotNull(jar.getEntry(mainClass.replace('.', '/') + ".class"), f + mainClass);
                assertNotNull(jar.getEntry("simplelogger.properties"), f + "the logging configuration");
                // Spring Boot's start-up lines read the JVM's uptime through JMX on every cold start.
                var springSettings = jar.getEntry("application.properties");
                assertNotNull(springSettings, f + "Spring Boot's settings");
                String spring = new String(jar.getInputStream(springSettings).readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(spring.contains("spring.main.log-startup-info=false"), f + "Spring Boot's start-up info off");
                assertTrue(spring.contains("spring.main.banner-mode=off"), f + "Spring Boot's banner off");
                // One light logging backend: Log4j 2's core cost ~0.3 s of every cold start.
                assertNull(jar.getEntry("org/apache/logging/log4j/core/LoggerContext.class"), f + "Log4j core");
                assertNull(jar.getEntry("org/apache/logging/log4j/core/lookup/JndiLookup.class"), f + "Log4j's JNDI lookup");
                assertNull(jar.getEntry("ch/qos/logback/classic/Logger.class"), f + "Logback");
                // DynamoDB Local and its baggage (Jetty, SDK v1, Mockito) are for the local runner only.
                assertNull(jar.getEntry("com/amazonaws/services/dynamodbv2/local/embedded/DynamoDBEmbedded.class"), f + "DynamoDB Local");
                assertNull(jar.getEntry("org/eclipse/jetty/server/Server.class"), f + "Jetty");
                assertNull(jar.getEntry("org/mockito/Mockito.class"), f + "Mockito");
                // One HTTP client: no Apache or Netty clients.
                assertNull(jar.getEntry("software/amazon/awssdk/http/apache5/Apache5HttpClient.class"), f + "Apache client");
                assertNull(jar.getEntry("software/amazon/awssdk/http/nio/netty/NettyNioAsyncHttpClient.class"), f + "Netty client");
                assertNotNull(jar.getEntry("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class"), f + "URL client");
                // The build-time flow linter's schema library stays out.
                assertNull(jar.getEntry("com/networknt/schema/JsonSchema.class"), f + "schema validator");
            }
        }
        // java21's Log4Shell hot patch costs every cold start and guards a class no package holds (above).
        Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) template.globals("Function")
                .get("Environment")).get("Variables");
        assertEquals("true", env.get("AWS_LAMBDA_DISABLE_CVE_2021_44228_PROTECTION"), "the runtime's Log4Shell patch is off");
    }

    /**
     * What the functions log reaches stdout (CloudWatch) from the package as shipped, at INFO and with its
     * configuration applied, and Spring's adapter (which logs whole events at INFO) is held at WARN on
     * the way Spring logs, commons-logging. A shade step once dropped the configuration silently (Log4j's
     * plugin cache was overwritten), which no in-module test could see: hence a JVM on the real jar.
     */
    @Test
    void everyFunctionsPackageLogsThroughItsLoggingConfiguration() throws Exception {
        String javaCommand = ProcessHandle.current().info().command().orElseThrow();
        Path probeClasses = Path.of(PackagedLoggingProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path emptyDir = Files.createTempDirectory("leadline-logprobe");
        for (String module : modulesByFunction().values().stream().distinct().sorted().toList()) {
            ProcessBuilder pb = new ProcessBuilder(javaCommand, "-cp", lambdaJar(module) + File.pathSeparator + probeClasses,
                    PackagedLoggingProbe.class.getName()).directory(emptyDir.toFile());
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("TZ", "UTC"); // as Lambda sets it
            Process process = pb.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), module);
            assertTrue(out.matches("(?s)\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z INFO probe - probe line reached the log\\R.*"),
                    module + " logs at INFO with a timestamp and the logger's short name, to stdout:\n" + out);
            assertTrue(out.contains("WARN AWSLambdaUtils - a Spring adapter warning"), module + " logs Spring's warnings:\n" + out);
            assertFalse(out.contains("a Spring adapter line"), module + " holds Spring's adapter at WARN:\n" + out);
        }
    }

    @Test
    void theChatPackageShipsTheFlows() throws Exception {
        try (JarFile jar = new JarFile(lambdaJar("functions/chat").toFile())) {
            assertNotNull(jar.getEntry("flows/website-lead.vi.yaml"));
            assertNotNull(jar.getEntry("flows/support-triage.en.yaml"));
        }
    }

    /** Which module the Makefile builds for each function: "build-X:" followed by "build-function <module>". */
    static Map<String, String> modulesByFunction() throws Exception {
        Map<String, String> out = new java.util.HashMap<>();
        String target = null;
        for (String line : Files.readAllLines(CfnTemplate.repository().resolve("Makefile"))) {
            if (line.startsWith("build-") && line.endsWith(":")) {
                target = line.substring("build-".length(), line.length() - 1);
            } else if (target != null && line.contains("build-function ")) {
                out.put(target, line.substring(line.indexOf("build-function ") + "build-function ".length()).split(" ")[0]);
                target = null;
            }
        }
        return out;
    }

    static Path lambdaJar(String module) throws Exception {
        Path target = CfnTemplate.repository().resolve(module).resolve("target");
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-lambda.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no Lambda jar in " + target + "; run mvn package"));
        }
    }

    @Test
    void theMakefileBuildsEveryFunctionTheTemplateDeclares() throws Exception {
        CfnTemplate template = CfnTemplate.load();
        String makefile = Files.readString(CfnTemplate.repository().resolve("Makefile"));
        for (String function : template.resourcesOfType("AWS::Serverless::Function").keySet()) {
            assertTrue(makefile.contains("build-" + function + ":"), "Makefile target build-" + function);
        }
    }
}
