package io.leadline.bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A function that does nothing but answer: the training run for an AOT cache of the runtime client
 * alone, as Lambda's java25 runtime ships one. Copied on its own into a task root, so the runtime
 * client loads it as it loads any function; none of Leadline's classes are in that cache.
 */
public final class EchoFunction implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream event, OutputStream answer, Context context) throws IOException {
        event.readAllBytes();
        answer.write("{\"statusCode\":200,\"body\":\"{}\"}".getBytes(StandardCharsets.UTF_8));
    }
}
