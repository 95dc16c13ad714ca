package io.leadline.chat;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.kms.model.KmsException;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Faults injected into an AWS SDK client, before a request leaves: the next calls of the chosen
 * operations fail as throttled (the service's own exception with {@code ThrottlingException}),
 * unavailable (the SDK cannot reach the service) or slow (longer than the client's deadlines). Counts
 * the calls it failed, so a test can show the fault really hit the call it meant.
 */
final class SdkFaults implements ExecutionInterceptor {

    enum Fault { THROTTLED, UNAVAILABLE, SLOW }

    private final String serviceName;
    private final Supplier<AwsServiceException.Builder> exceptions;
    private final AtomicInteger hits = new AtomicInteger();
    private volatile Fault fault;
    private volatile Set<String> operations = Set.of();

    private SdkFaults(String serviceName, Supplier<AwsServiceException.Builder> exceptions) {
        this.serviceName = serviceName;
        this.exceptions = exceptions;
    }

    static SdkFaults dynamoDb() {
        return new SdkFaults("DynamoDb", DynamoDbException::builder);
    }

    static SdkFaults kms() {
        return new SdkFaults("Kms", KmsException::builder);
    }

    /**
     * Adds this interceptor to a client with the production deadlines shortened (an attempt 1 s, a call
     * with its retries 2 s), so that "slow" is quick to show yet a healthy call on a busy build machine
     * still fits.
     */
    void install(ClientOverrideConfiguration.Builder client) {
        client.addExecutionInterceptor(this)
                .apiCallAttemptTimeout(Duration.ofSeconds(1)).apiCallTimeout(Duration.ofSeconds(2));
    }

    void inject(Fault f, String... operationNames) {
        operations = Set.of(operationNames);
        fault = f;
    }

    void clear() {
        fault = null;
    }

    /** Calls failed so far. */
    int hits() {
        return hits.get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Fault f = fault;
        if (f == null || !operations.contains(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            return;
        }
        hits.incrementAndGet();
        switch (f) {
            case THROTTLED -> throw exceptions.get().statusCode(400).message("Rate exceeded")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").serviceName(serviceName).build())
                    .build();
            case UNAVAILABLE -> throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
            case SLOW -> {
                try {
                    Thread.sleep(4_000);
                } catch (InterruptedException e) {
                    // the call's deadline interrupts it: the SDK reports the timeout
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
