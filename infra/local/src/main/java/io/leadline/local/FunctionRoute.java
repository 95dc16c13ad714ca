package io.leadline.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadline.http.HttpRoute;
import io.leadline.local.identity.JwtAuthorizer;

import java.util.Optional;
import java.util.function.Function;

/**
 * One API route and the function behind it, as the HTTP API integrates them in AWS; with the JWT
 * authorizer the route has there (the console API) or none (the public chat API).
 */
public record FunctionRoute(String function, HttpRoute route,
                            Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                            Optional<JwtAuthorizer> authorizer) {

    /** Static segments first: /api/leads/overdue must win over /api/leads/{id}, as in API Gateway. */
    int specificity() {
        return (int) route.path().chars().filter(c -> c == '{').count();
    }
}
