package io.leadline.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * Reads API Gateway's event (HTTP API, payload 2.0) from Lambda's input stream and writes the function's
 * answer to its output stream, with Jackson's streaming parser and generator. A plain handler typed on
 * the event classes makes the runtime client load its own shaded Jackson to do the same (~670 classes,
 * about 0.2 s of a cold start), and binding them with databind costs about 0.1 s more than streaming
 * (BENCHMARKS.md).
 */
public final class GatewayStreams {

    private final GatewayEventReader events;
    private final GatewayAnswerWriter answers;

    public GatewayStreams() {
        // Not the functions' strict body mapper's limits: this is API Gateway's envelope, which gains
        // fields over time (skipped) and may carry a body up to Lambda's 6 MB limit, which the API itself
        // answers with 413 rather than failing here.
        JsonFactory json = new JsonFactory();
        events = new GatewayEventReader(json);
        answers = new GatewayAnswerWriter(json);
    }

    /** One invocation: the event in, the api's answer out. */
    public void serve(InputStream in, OutputStream out, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api)
            throws IOException {
        answers.write(api.apply(read(in)), out);
    }

    /** The event as the function sees it. */
    public APIGatewayV2HTTPEvent read(InputStream in) throws IOException {
        return events.read(in);
    }
}
