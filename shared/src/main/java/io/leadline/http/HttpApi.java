package io.leadline.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadline.crypto.UnreadableDataException;
import io.leadline.storage.ConcurrentUpdateException;
import org.slf4j.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A function behind API Gateway's HTTP API: dispatches on the route key and turns every failure
 * into the API's error format. Bad input is a 4xx; only our own faults are a 500, logged with the
 * request id and exception type (exception messages in this code base never carry personal data).
 */
public abstract class HttpApi implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

    /** Handles one route. */
    @FunctionalInterface
    public interface Handler {
        APIGatewayV2HTTPResponse handle(HttpRequest request);
    }

    protected final HttpResponses responses;
    private final Map<String, Handler> handlers = new LinkedHashMap<>();
    private final Map<String, HttpRoute> routes = new LinkedHashMap<>();

    protected HttpApi(HttpResponses responses) {
        this.responses = responses;
    }

    protected final void route(HttpRoute route, Handler handler) {
        handlers.put(route.routeKey(), handler);
        routes.put(route.routeKey(), route);
    }

    /** The routes this function serves, as the template and the local gateway declare them. */
    public final List<HttpRoute> routes() {
        return List.copyOf(routes.values());
    }

    @Override
    public final APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
        if (event == null) {
            return responses.error(400, "invalid_event", "no event", "-");
        }
        HttpRequest request = new HttpRequest(event);
        try {
            Handler handler = handlers.get(request.routeKey());
            if (handler == null) {
                return responses.error(404, "not_found", "no such route", request.requestId());
            }
            return handler.handle(request);
        } catch (ApiException e) {
            return responses.error(e.status(), e.code(), e.getMessage(), request.requestId());
        } catch (ConcurrentUpdateException e) {
            return responses.error(409, "conflict", "the record changed meanwhile; retry", request.requestId());
        } catch (RuntimeException e) {
            if (e instanceof UnreadableDataException u && u.keyGone()) {
                // An erasure takes the keys first, then the records: the record read a moment ago is going.
                return responses.error(404, "not_found", "no such record (it may have been erased or expired)",
                        request.requestId());
            }
            Optional<String> unavailable = unavailable(e);
            if (unavailable.isPresent()) {
                // Nothing was written (each change is one conditional write or transaction): a retry
                // with the same clientMessageId completes it exactly once.
                log.warn("dependency unavailable on {} (request {}): {}", request.routeKey(), request.requestId(), unavailable.get());
                return responses.error(503, "unavailable", "we could not complete that just now; please try again",
                        request.requestId());
            }
            log.error("unhandled failure on {} (request {})", request.routeKey(), request.requestId(), e);
            return responses.error(500, "internal", "something went wrong on our side", request.requestId());
        }
    }

    /**
     * A throttled, failing, slow or unreachable AWS service (DynamoDB, KMS — also when the Encryption SDK
     * wraps the KMS failure): what it was, by exception type only, or empty for a fault of our own.
     */
    static Optional<String> unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException s && (s.isThrottlingException() || s.statusCode() >= 500)) {
                return Optional.of(s.getClass().getSimpleName());
            }
            if (t instanceof SdkClientException) {
                // Timeouts and connection failures: the request may not have reached the service at all.
                return Optional.of(t.getClass().getSimpleName());
            }
        }
        return Optional.empty();
    }
}
