package io.leadline.http;

/** DynamoDB or KMS throttled, timed out or failed: the visitor should simply try again. */
public final class DependencyUnavailableException extends RuntimeException {

    private final String dependency;

    public DependencyUnavailableException(String dependency, Throwable cause) {
        super(dependency + " unavailable", cause);
        this.dependency = dependency;
    }

    public String dependency() {
        return dependency;
    }
}
