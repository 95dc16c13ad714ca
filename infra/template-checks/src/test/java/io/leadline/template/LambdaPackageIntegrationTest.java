package io.leadline.template;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Lambda package holds what the template points at, and none of what must stay out of it. */
class LambdaPackageIntegrationTest {

    @Test
    @SuppressWarnings("unchecked")
    void theChatPackageHoldsItsHandlerItsStartClassAndItsFlows() throws Exception {
        CfnTemplate template = CfnTemplate.load();
        Map<String, Object> p = CfnTemplate.properties(template.resources().get("ChatFunction"));
        String handler = ((String) p.get("Handler")).split("::")[0];
        String mainClass = (String) ((Map<String, Object>) ((Map<String, Object>) p.get("Environment")).get("Variables")).get("MAIN_CLASS");
        try (JarFile jar = new JarFile(lambdaJar("functions/chat").toFile())) {
            assertNotNull(jar.getEntry(handler.replace('.', '/') + ".class"), handler);
            assertNotNull(jar.getEntry(mainClass.replace('.', '/') + ".class"), mainClass);
            assertNotNull(jar.getEntry("flows/website-lead.vi.yaml"));
            assertNotNull(jar.getEntry("flows/website-lead.en.yaml"));
            // DynamoDB Local and its baggage (Jetty, SDK v1, Mockito) are for the local runner only.
            assertNull(jar.getEntry("com/amazonaws/services/dynamodbv2/local/embedded/DynamoDBEmbedded.class"));
            assertNull(jar.getEntry("org/eclipse/jetty/server/Server.class"));
            assertNull(jar.getEntry("org/mockito/Mockito.class"));
            // One HTTP client: no Apache or Netty clients.
            assertNull(jar.getEntry("software/amazon/awssdk/http/apache5/Apache5HttpClient.class"));
            assertNull(jar.getEntry("software/amazon/awssdk/http/nio/netty/NettyNioAsyncHttpClient.class"));
            assertNotNull(jar.getEntry("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class"));
        }
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
