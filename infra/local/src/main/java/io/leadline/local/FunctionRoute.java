package io.leadline.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadline.http.HttpRoute;

import java.util.function.Function;

/** One API route and the function behind it, as the HTTP API integrates them in AWS. */
public record FunctionRoute(String function, HttpRoute route,
                            Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
}
