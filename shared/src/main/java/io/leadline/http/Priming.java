package io.leadline.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a function's request path before anyone waits on it, so class loading, the SDK's first
 * marshalling, the first connection and the JIT's first compilations happen off the request path:
 * under SnapStart just before the snapshot (a CRaC {@link Resource}; Lambda's runtime calls it),
 * with provisioned concurrency during init. Nothing else pays: an on-demand cold start would only
 * move the same work from the first request into init.
 *
 * <p>The requests are ones the function refuses or cannot find (an unknown flow, a conversation or
 * lead that does not exist), so priming reads at most and writes nothing; the other warm-ups (an
 * encryption round trip under a throwaway key) touch no stored data and no KMS key.
 */
public final class Priming implements Resource {

    private static final Logger log = LoggerFactory.getLogger(Priming.class);

    /** Rounds of each request: enough for the interpreter to hand the hot paths to the JIT. */
    public static final int ROUNDS = 8;

    private final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api;
    private final Supplier<List<APIGatewayV2HTTPEvent>> requests;
    private final Runnable warmUps;

    public Priming(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api,
                   Supplier<List<APIGatewayV2HTTPEvent>> requests, Runnable warmUps) {
        this.api = api;
        this.requests = requests;
        this.warmUps = warmUps;
    }

    /**
     * Registers for SnapStart's checkpoint and, with provisioned concurrency, primes now. The caller
     * keeps the returned object: CRaC holds resources weakly.
     */
    public Priming register(Map<String, String> environment) {
        Core.getGlobalContext().register(this);
        if ("provisioned-concurrency".equals(environment.get("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
            prime();
        }
        return this;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: the SDK reconnects on demand and SecureRandom is reseeded by the runtime.
    }

    /** Primes; returns how many requests were answered. Never throws: a failed warm-up must not fail the init. */
    public int prime() {
        int answered = 0;
        for (int round = 0; round < ROUNDS; round++) {
            try {
                warmUps.run();
            } catch (RuntimeException e) {
                log.warn("priming warm-up failed: {}", e.getClass().getName());
            }
            for (APIGatewayV2HTTPEvent request : requests.get()) {
                try {
                    if (api.apply(request) != null) {
                        answered++;
                    }
                } catch (RuntimeException e) {
                    log.warn("priming request failed: {}", e.getClass().getName());
                }
            }
        }
        return answered;
    }
}
