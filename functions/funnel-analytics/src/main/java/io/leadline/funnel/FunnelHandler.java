package io.leadline.funnel;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

/** The funnel counter as a plain Lambda handler (no Spring), for the side-by-side start-up measurement. */
public final class FunnelHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final FunnelStreamFunction function = FunnelComponent.fromEnvironment().function();

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return function.apply(event);
    }
}
