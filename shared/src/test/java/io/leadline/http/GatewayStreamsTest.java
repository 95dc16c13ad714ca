package io.leadline.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain handlers' stream entry reads and writes exactly what the Lambda runtime client's own serialisation does. */
class GatewayStreamsTest {

    /** API Gateway's HTTP API event (payload 2.0), every part filled in, plus a field no version has yet. */
    static final String EVENT = """
            {"version":"2.0","routeKey":"POST /api/leads/{leadId}/notes","rawPath":"/api/leads/L1/notes",
             "rawQueryString":"limit=5&status=NEW","cookies":["a=1","b=2"],
             "headers":{"content-type":"application/json","user-agent":"curl/8"},
             "queryStringParameters":{"limit":"5","status":"NEW"},"pathParameters":{"leadId":"L1"},
             "stageVariables":{"stage":"prod"},
             "requestContext":{"accountId":"123456789012","apiId":"api1","domainName":"x.example.com","domainPrefix":"x",
               "requestId":"req-1","routeKey":"POST /api/leads/{leadId}/notes","stage":"$default",
               "time":"23/Nov/2026:10:00:00 +0000","timeEpoch":1795428000000,
               "http":{"method":"POST","path":"/api/leads/L1/notes","protocol":"HTTP/1.1","sourceIp":"203.0.113.9","userAgent":"curl/8"},
               "authorizer":{"jwt":{"claims":{"sub":"u-1","cognito:groups":"[sales-manager]"},"scopes":["openid"]}},
               "aFieldFromTheFuture":{"x":1}},
             "body":"eyJ0ZXh0IjoiaGkifQ==","isBase64Encoded":true}
            """;

    private final GatewayStreams streams = new GatewayStreams();

    @Test
    void readsTheEventAsTheRuntimeClientDoes() throws Exception {
        APIGatewayV2HTTPEvent ours = read(EVENT);
        APIGatewayV2HTTPEvent runtimes = runtimeSerializer(APIGatewayV2HTTPEvent.class).fromJson(EVENT);
        assertEquals(runtimes, ours);
        // and the parts the functions rely on are really there (not equal because both lost them)
        assertEquals("POST", ours.getRequestContext().getHttp().getMethod());
        assertEquals("u-1", ours.getRequestContext().getAuthorizer().getJwt().getClaims().get("sub"));
        assertEquals("203.0.113.9", ours.getRequestContext().getHttp().getSourceIp());
        assertEquals("L1", ours.getPathParameters().get("leadId"));
        assertEquals(List.of("a=1", "b=2"), ours.getCookies());
        assertTrue(ours.getIsBase64Encoded());
    }

    /** Shapes API Gateway does not send today but JSON allows: read as the runtime client reads them. */
    @ParameterizedTest
    @ValueSource(strings = {
            // the least API Gateway sends
            "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"/\",\"isBase64Encoded\":false}",
            // explicit nulls everywhere, and a null inside a map and a list
            "{\"version\":null,\"headers\":null,\"cookies\":[\"a=1\",null],\"queryStringParameters\":{\"q\":null},"
                    + "\"requestContext\":{\"http\":null,\"authorizer\":{\"jwt\":null},\"timeEpoch\":null},\"body\":null}",
            "{\"requestContext\":null,\"isBase64Encoded\":null}",
            // one value where a list is expected
            "{\"cookies\":\"a=1\",\"requestContext\":{\"authorizer\":{\"jwt\":{\"scopes\":\"openid\"}}}}",
            // scalars where text is expected, a number as text, the flag as text
            "{\"headers\":{\"x-count\":5,\"x-flag\":true,\"x-ratio\":1.5},\"requestContext\":{\"timeEpoch\":\"1795428000000\"},"
                    + "\"isBase64Encoded\":\"true\",\"body\":\"aGk=\"}",
            // escapes and characters beyond the basic plane, in keys and values
            "{\"headers\":{\"x-\\u00e9\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\n\"},\"body\":\"{\\\"text\\\":\\\"\\u00fc\\ud83d\\ude00\\\"}\"}",
            // unknown fields of every JSON kind, at every level, and a repeated field (the last one counts)
            "{\"future\":[1,{\"a\":[]}],\"routeKey\":\"GET /a\",\"routeKey\":\"GET /b\",\"requestContext\":{\"new\":{\"deep\":{\"er\":[null]}},"
                    + "\"http\":{\"method\":\"GET\",\"extra\":false},\"authorizer\":{\"jwt\":{\"claims\":{\"sub\":\"u\"},\"more\":1}}}}"
    })
    void readsUnusualShapesAsTheRuntimeClientDoes(String json) throws Exception {
        assertEquals(runtimeSerializer(APIGatewayV2HTTPEvent.class).fromJson(json), read(json));
    }

    @Test
    void skipsTheLambdaAndIamAuthorizersContextsWhichNoRouteUses() throws Exception {
        String withOthers = EVENT.replace("\"authorizer\":{\"jwt\"",
                "\"authorizer\":{\"lambda\":{\"tenant\":\"t1\",\"n\":[1,2]},\"iam\":{\"userId\":\"AIDA1\"},\"jwt\"");
        APIGatewayV2HTTPEvent ours = read(withOthers);
        assertNull(ours.getRequestContext().getAuthorizer().getLambda());
        assertNull(ours.getRequestContext().getAuthorizer().getIam());
        assertEquals(read(EVENT), ours, "everything else is read as without them");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"event\"", "{\"body\":", "{\"body\":{\"text\":1}}", "{\"headers\":[\"a\"]}",
            "{\"requestContext\":{\"timeEpoch\":\"soon\"}}", "{\"isBase64Encoded\":\"yes\"}", "{\"cookies\":{}}"})
    void refusesWhatIsNotAnEventAsTheRuntimeClientDoes(String json) {
        assertThrows(IOException.class, () -> read(json));
        assertThrows(RuntimeException.class, () -> runtimeSerializer(APIGatewayV2HTTPEvent.class).fromJson(json));
    }

    @Test
    void refusesAListForTheEventWhichTheRuntimeClientWouldReadAsAnEmptyOne() {
        // API Gateway never sends one; an empty event would only fail later, further from the cause.
        assertThrows(IOException.class, () -> read("[]"));
    }

    @Test
    void writesEveryPartOfAnAnswerAsTheRuntimeClientReadsIt() throws Exception {
        APIGatewayV2HTTPResponse answer = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(302)
                .withHeaders(Map.of("location", "/x?a=\"b\"&c=\u00e9\ud83d\ude00"))
                .withMultiValueHeaders(Map.of("vary", List.of("origin", "accept")))
                .withCookies(List.of("c=3", "d=4"))
                .withBody("\u0000\n\t\\ caf\u00e9")
                .withIsBase64Encoded(true)
                .build();
        assertEquals(answer, runtimeSerializer(APIGatewayV2HTTPResponse.class).fromJson(write(answer)));

        APIGatewayV2HTTPResponse bare = APIGatewayV2HTTPResponse.builder().withStatusCode(204).build();
        String json = write(bare);
        assertEquals(bare, runtimeSerializer(APIGatewayV2HTTPResponse.class).fromJson(json));
        assertEquals("{\"statusCode\":204,\"isBase64Encoded\":false}", json);
    }

    @Test
    void writesTheAnswerTheRuntimeClientWouldWrite() throws Exception {
        APIGatewayV2HTTPResponse answer = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(201)
                .withHeaders(Map.of("content-type", "application/json; charset=utf-8"))
                .withCookies(List.of("c=3"))
                .withBody("{\"ok\":true}")
                .withIsBase64Encoded(false)
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicReference<APIGatewayV2HTTPEvent> seen = new AtomicReference<>();
        streams.serve(new ByteArrayInputStream(EVENT.getBytes(StandardCharsets.UTF_8)), out, e -> {
            seen.set(e);
            return answer;
        });
        assertEquals("req-1", seen.get().getRequestContext().getRequestId());
        String json = out.toString(StandardCharsets.UTF_8);
        assertEquals(answer, runtimeSerializer(APIGatewayV2HTTPResponse.class).fromJson(json));
        JsonNode tree = new ObjectMapper().readTree(json);
        assertEquals(201, tree.path("statusCode").asInt());
        assertEquals("{\"ok\":true}", tree.path("body").asText());
        assertFalse(tree.path("isBase64Encoded").asBoolean(true));
        assertEquals("application/json; charset=utf-8", tree.path("headers").path("content-type").asText());
        assertFalse(tree.has("multiValueHeaders"), "nothing null is written: " + json);
    }

    @Test
    void aBodyUpToLambdasPayloadLimitIsReadForTheApiToAnswer() throws Exception {
        // 5 MB: the functions' strict mapper would refuse this envelope; the API answers 413 itself.
        String big = "x".repeat(5 * 1024 * 1024);
        APIGatewayV2HTTPEvent event = read(EVENT.replace("eyJ0ZXh0IjoiaGkifQ==", big));
        assertEquals(big.length(), event.getBody().length());
    }

    private APIGatewayV2HTTPEvent read(String json) throws Exception {
        return streams.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private String write(APIGatewayV2HTTPResponse answer) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        streams.serve(new ByteArrayInputStream(EVENT.getBytes(StandardCharsets.UTF_8)), out, e -> answer);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static <T> PojoSerializer<T> runtimeSerializer(Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, GatewayStreamsTest.class.getClassLoader());
    }
}
