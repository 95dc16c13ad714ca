package io.leadline.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * Reads API Gateway's event (HTTP API, payload 2.0) from Lambda's input stream and writes the function's
 * answer to its output stream, with the Jackson the function loads anyway. A plain handler typed on the
 * event classes makes the runtime client load its own shaded Jackson to do the same: ~670 classes,
 * about 0.25 s of a cold start (BENCHMARKS.md).
 */
public final class GatewayStreams {

    private final ObjectReader events;
    private final ObjectWriter answers;

    public GatewayStreams() {
        // Not the functions' strict body mapper: this is API Gateway's envelope, which gains fields over
        // time (ignored, as the runtime client ignores them) and may carry a body up to Lambda's 6 MB
        // limit, which the API itself answers with 413 rather than failing here.
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        events = mapper.readerFor(APIGatewayV2HTTPEvent.class);
        answers = mapper.writerFor(APIGatewayV2HTTPResponse.class);
    }

    /** One invocation: the event in, the api's answer out. */
    public void serve(InputStream in, OutputStream out, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api)
            throws IOException {
        answers.writeValue(out, api.apply(read(in)));
    }

    /** The event as the function sees it. */
    public APIGatewayV2HTTPEvent read(InputStream in) throws IOException {
        return events.readValue(in);
    }
}
