package io.leadline.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadline.testing.ExternalTools;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CloudFront function in front of the web bucket, run in Node with the stack's values substituted as
 * CloudFormation would: directory URLs get their index.html, and /console/config.json is what the console
 * needs to sign in against the stack's user pool and call /api on its own origin.
 */
class WebRequestFunctionIntegrationTest {

    @Test
    @SuppressWarnings("unchecked")
    void directoriesGetTheirIndexAndTheConsoleGetsItsConfigFromTheStack() throws Exception {
        Path node = ExternalTools.node();
        CfnTemplate template = CfnTemplate.load();
        Map<String, Object> function = CfnTemplate.properties(template.resources().get("WebRequestFunction"));
        assertEquals("cloudfront-js-2.0", ((Map<String, Object>) function.get("FunctionConfig")).get("Runtime"));
        String code = (String) ((Map<String, Object>) function.get("FunctionCode")).get("Fn::Sub");
        code = code.replace("${AWS::Region}", "ap-southeast-1").replace("${ConsoleClient}", "3example0client");
        assertFalse(code.contains("${"), "only the region and the client id are substituted: " + code);

        String harness = code + """

                var uris = ['/console/config.json', '/console/', '/console', '/', '/widget/leadline-widget.js', '/demo/', '/privacy.html'];
                console.log(JSON.stringify(uris.map(function (uri) {
                  return handler({ version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '203.0.113.1' },
                    request: { method: 'GET', uri: uri, querystring: {}, headers: {}, cookies: {} } });
                })));
                """;
        Path script = Files.createTempFile("web-request-function", ".js");
        Files.writeString(script, harness);
        Process p = new ProcessBuilder(node.toString(), script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        Files.delete(script);
        JsonNode results = new ObjectMapper().readTree(out);

        JsonNode config = results.get(0);
        assertEquals(200, config.path("statusCode").asInt());
        assertEquals("no-store", config.path("headers").path("cache-control").path("value").asText());
        assertEquals("application/json", config.path("headers").path("content-type").path("value").asText());
        assertEquals("text", config.path("body").path("encoding").asText());
        JsonNode body = new ObjectMapper().readTree(config.path("body").path("data").asText());
        // The shape web/console/api.js and auth.js read, as the local runner serves it, with Cognito's endpoint.
        assertEquals(new ObjectMapper().readTree("""
                {"apiBase": "", "mode": "cognito",
                 "cognito": {"endpoint": "https://cognito-idp.ap-southeast-1.amazonaws.com/", "clientId": "3example0client",
                             "region": "ap-southeast-1"}}
                """), body);

        assertEquals("/console/index.html", results.get(1).path("uri").asText());
        assertEquals(301, results.get(2).path("statusCode").asInt());
        assertEquals("/console/", results.get(2).path("headers").path("location").path("value").asText());
        assertEquals("/console/", results.get(3).path("headers").path("location").path("value").asText());
        assertEquals("/widget/leadline-widget.js", results.get(4).path("uri").asText());
        assertEquals("/demo/index.html", results.get(5).path("uri").asText());
        assertEquals("/privacy.html", results.get(6).path("uri").asText());
        // What the URLs lead to is in web/ (uploaded as it is).
        Path web = CfnTemplate.repository().resolve("web");
        for (String file : new String[]{"console/index.html", "widget/leadline-widget.js", "demo/index.html", "privacy.html"}) {
            assertTrue(Files.isRegularFile(web.resolve(file)), file);
        }
    }
}
