package io.leadline.sweep;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** The sweep as a plain Lambda handler (no Spring), for the side-by-side start-up measurement. */
public final class RetentionHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final RetentionSweepFunction function = RetentionComponent.fromEnvironment().function();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return function.apply(event);
    }
}
