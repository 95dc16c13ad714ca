package io.leadline.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Writes the function's answer in API Gateway's HTTP API response format (payload 2.0) with Jackson's
 * streaming generator, as the runtime client's serialisation would: absent parts left out, the status
 * and the base64 flag always written. Spares databind's bean serialisers at cold start (see
 * {@link GatewayEventReader}).
 */
final class GatewayAnswerWriter {

    private final JsonFactory json;

    GatewayAnswerWriter(JsonFactory json) {
        this.json = json;
    }

    void write(APIGatewayV2HTTPResponse answer, OutputStream out) throws IOException {
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("statusCode", answer.getStatusCode());
            if (answer.getHeaders() != null) {
                g.writeObjectFieldStart("headers");
                for (Map.Entry<String, String> header : answer.getHeaders().entrySet()) {
                    g.writeStringField(header.getKey(), header.getValue());
                }
                g.writeEndObject();
            }
            if (answer.getMultiValueHeaders() != null) {
                g.writeObjectFieldStart("multiValueHeaders");
                for (Map.Entry<String, List<String>> header : answer.getMultiValueHeaders().entrySet()) {
                    g.writeFieldName(header.getKey());
                    texts(g, header.getValue());
                }
                g.writeEndObject();
            }
            if (answer.getCookies() != null) {
                g.writeFieldName("cookies");
                texts(g, answer.getCookies());
            }
            if (answer.getBody() != null) {
                g.writeStringField("body", answer.getBody());
            }
            g.writeBooleanField("isBase64Encoded", answer.getIsBase64Encoded());
            g.writeEndObject();
        }
    }

    private static void texts(JsonGenerator g, List<String> values) throws IOException {
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }
}
