package io.leadline.leadsapi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadline.http.Priming;

/** The console API as a plain Lambda handler, for measuring the Spring layer's cost side by side. */
public final class LeadsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final LeadsApi api;
    /** Held here: CRaC keeps registered resources only weakly. */
    private final Priming priming;

    public LeadsApiHandler() {
        LeadsApiComponent graph = LeadsApiComponent.fromEnvironment();
        this.api = graph.api();
        this.priming = graph.priming().priming().register(System.getenv());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.apply(event);
    }
}
