package io.leadline.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadline.http.GatewayStreams;
import io.leadline.http.HttpRequest;
import io.leadline.http.JsonBodies;
import io.leadline.testing.Percentiles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What reading API Gateway's event and writing the answer costs a cold start, bound with Jackson's
 * databind (the plain handlers until 2026-11-23) or streamed field by field ({@link GatewayStreams}).
 * A whole-function cold start varies by ±0.2 s on this machine between runs, more than this step is
 * worth, so this isolates it: for every run a fresh JVM (the template's C1 flag, serial GC) reads a
 * chat greeting's event, parses its body with the functions' strict mapper, renders a JSON answer and
 * writes it back — the JSON work of the chat's first request, storage excluded; the strict mapper is
 * built in both ways, since the functions build it anyway. Timed from process start to the answer,
 * round-robin after one discarded warm-up round.
 *
 * <p>Usage: {@code ./leadline bench gateway-streams [runs]}.
 */
public final class GatewayStreamsStartup {

    enum Way { DATABIND, STREAMING }

    static final String EVENT = """
            {"version":"2.0","routeKey":"POST /chat/conversations","rawPath":"/chat/conversations","rawQueryString":"",
             "headers":{"content-type":"application/json","origin":"https://www.example.com","user-agent":"Mozilla/5.0"},
             "requestContext":{"accountId":"123456789012","apiId":"api1","domainName":"x.example.com","domainPrefix":"x",
               "requestId":"req-1","routeKey":"POST /chat/conversations","stage":"$default",
               "time":"23/Nov/2026:10:00:00 +0000","timeEpoch":1795428000000,
               "http":{"method":"POST","path":"/chat/conversations","protocol":"HTTP/1.1","sourceIp":"203.0.113.9","userAgent":"Mozilla/5.0"}},
             "body":"{\\"flowId\\":\\"website-lead\\",\\"locale\\":\\"en\\"}","isBase64Encoded":false}
            """;

    private GatewayStreamsStartup() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--probe")) {
            probe(Way.valueOf(args[1]));
            return;
        }
        WholeProcess.runThenExit(() -> measure(args.length > 0 ? Integer.parseInt(args[0]) : 20));
    }

    private static void measure(int runs) throws Exception {
        Map<Way, List<double[]>> results = FreshJvms.roundRobin(Way.class, runs,
                way -> FreshJvms.probe(GatewayStreamsStartup.class, List.of(), "--probe", way.name()));
        System.out.println();
        System.out.println("| Event and answer | JVM start to answer p50 | p90 | Classes loaded p50 |");
        System.out.println("| --- | --- | --- | --- |");
        for (var e : results.entrySet()) {
            double[] ms = e.getValue().stream().mapToDouble(r -> r[0]).toArray();
            double[] classes = e.getValue().stream().mapToDouble(r -> r[1]).toArray();
            System.out.printf("| %s | **%.0f ms** | %.0f ms | %.0f |%n", e.getKey(), Percentiles.of(ms, 50),
                    Percentiles.of(ms, 90), Percentiles.of(classes, 50));
        }
    }

    /** In the fresh JVM: the first request's JSON work one way, say so at once, then report classes. */
    private static void probe(Way way) throws Exception {
        ObjectMapper strict = JsonBodies.strictMapper();
        java.util.function.Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api = event -> {
            ObjectNode body = new JsonBodies(strict).object(new HttpRequest(event), 16 * 1024);
            ObjectNode reply = strict.createObjectNode().put("conversationId", "c-1");
            reply.putObject("prompt").put("text", "Hello").put("flow", body.path("flowId").asText());
            try {
                return APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                        .withHeaders(Map.of("content-type", "application/json")).withBody(strict.writeValueAsString(reply))
                        .withIsBase64Encoded(false).build();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        };
        var in = new ByteArrayInputStream(EVENT.getBytes(StandardCharsets.UTF_8));
        var out = new ByteArrayOutputStream();
        switch (way) {
            case STREAMING -> new GatewayStreams().serve(in, out, api);
            case DATABIND -> {
                // the plain handlers' binding before GatewayStreams streamed (commit 7b2f77b to today)
                JsonMapper mapper = JsonMapper.builder()
                        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .serializationInclusion(JsonInclude.Include.NON_NULL)
                        .build();
                APIGatewayV2HTTPEvent event = mapper.readerFor(APIGatewayV2HTTPEvent.class).readValue(in);
                mapper.writerFor(APIGatewayV2HTTPResponse.class).writeValue(out, api.apply(event));
            }
        }
        System.out.println("answered " + out.size());
        System.out.flush();
        System.out.println(ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        System.out.flush();
    }
}
