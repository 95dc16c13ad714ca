package io.leadline.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadline.analytics.FunnelEvent;
import io.leadline.analytics.FunnelEventType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * The events Lambda hands each function, as JSON on the wire: API Gateway HTTP API payload 2.0, an
 * EventBridge schedule, a DynamoDB stream batch. Built field by field as the services send them, so
 * the runtime client's own deserialisation is part of what a cold start pays.
 */
final class LambdaEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaEvents() {
    }

    /** An HTTP API (payload 2.0) request; claims are what the JWT authorizer passes on (null: public route). */
    static String http(String method, String routeKey, String path, String body, String bearer, Map<String, String> claims) {
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "2.0");
        e.put("routeKey", routeKey);
        e.put("rawPath", path);
        e.put("rawQueryString", "");
        ObjectNode headers = e.putObject("headers");
        headers.put("content-type", "application/json");
        headers.put("host", "api.leadline.example");
        headers.put("user-agent", "Mozilla/5.0 (X11; Linux x86_64)");
        headers.put("x-forwarded-for", "198.51.100.7");
        headers.put("x-forwarded-proto", "https");
        if (bearer != null) {
            headers.put("authorization", "Bearer " + bearer);
        }
        ObjectNode ctx = e.putObject("requestContext");
        ctx.put("accountId", "000000000000");
        ctx.put("apiId", "bench");
        ctx.put("domainName", "api.leadline.example");
        ctx.put("requestId", UUID.randomUUID().toString());
        ctx.put("routeKey", routeKey);
        ctx.put("stage", "$default");
        ctx.put("timeEpoch", System.currentTimeMillis());
        ObjectNode http = ctx.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "198.51.100.7");
        http.put("userAgent", "Mozilla/5.0 (X11; Linux x86_64)");
        if (claims != null) {
            ObjectNode c = ctx.putObject("authorizer").putObject("jwt").putObject("claims");
            claims.forEach(c::put);
            ctx.with("authorizer").with("jwt").putArray("scopes");
        }
        String[] segments = path.split("/");
        if (routeKey.contains("{id}") && segments.length > 3) {
            e.putObject("pathParameters").put("id", segments[3]);
        }
        if (body != null) {
            e.put("body", body);
        }
        e.put("isBase64Encoded", false);
        return e.toString();
    }

    /** The hourly EventBridge schedule that starts the retention sweep. */
    static String schedule() {
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "0");
        e.put("id", UUID.randomUUID().toString());
        e.put("detail-type", "Scheduled Event");
        e.put("source", "aws.events");
        e.put("account", "000000000000");
        e.put("time", Instant.now().toString());
        e.put("region", "ap-southeast-1");
        e.putArray("resources").add("arn:aws:events:ap-southeast-1:000000000000:rule/leadline-retention");
        e.putObject("detail");
        return e.toString();
    }

    /** A stream batch of one new funnel event, as the events table's stream delivers it. */
    static String streamInsert(int sequence) {
        Instant now = Instant.now();
        FunnelEvent event = new FunnelEvent("bench-" + UUID.randomUUID(), FunnelEventType.CHAT_STARTED,
                LocalDate.ofInstant(now, ZoneOffset.UTC), "website-lead", "en", "bench", null, null, 0, now,
                now.plusSeconds(7 * 86_400).getEpochSecond());
        ObjectNode image = JSON.createObjectNode();
        FunnelEvent.schema().itemToMap(event, true).forEach((k, v) ->
                image.putObject(k).put(v.s() != null ? "S" : "N", v.s() != null ? v.s() : v.n()));
        ObjectNode record = JSON.createObjectNode();
        record.put("eventID", "bench-" + sequence);
        record.put("eventName", "INSERT");
        record.put("eventVersion", "1.1");
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", "ap-southeast-1");
        ObjectNode ddb = record.putObject("dynamodb");
        ddb.put("ApproximateCreationDateTime", now.getEpochSecond());
        ddb.putObject("Keys").set("id", image.get("id"));
        ddb.set("NewImage", image);
        ddb.put("SequenceNumber", Integer.toString(100_000 + sequence));
        ddb.put("SizeBytes", 200);
        ddb.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        record.put("eventSourceARN", "arn:aws:dynamodb:ap-southeast-1:000000000000:table/leadline-events/stream/2026-11-01T00:00:00.000");
        ObjectNode e = JSON.createObjectNode();
        e.putArray("Records").add(record);
        return e.toString();
    }

    /** The JSON body inside an HTTP API response the function returned. */
    static JsonNode body(String response) {
        try {
            JsonNode r = JSON.readTree(response);
            return JSON.readTree(r.path("body").asText("{}"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not a JSON response: " + e.getMessage(), e);
        }
    }

    /** The status code of an HTTP API response, or 0 for another kind of answer. */
    static int status(String response) {
        try {
            return JSON.readTree(response).path("statusCode").asInt(0);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
