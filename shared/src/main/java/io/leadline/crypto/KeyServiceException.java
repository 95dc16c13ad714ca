package io.leadline.crypto;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * The key service (KMS) failed or could not be reached while a data key was being made or unwrapped:
 * a statement about KMS, not about the data, which may be perfectly readable a moment later. The cause
 * is the SDK's own exception, from which {@code HttpApi} tells a throttled, failing or slow service (503,
 * "please try again") from a fault of ours such as a denied grant (500).
 */
public final class KeyServiceException extends RuntimeException {

    public KeyServiceException(SdkException cause) {
        // The SDK's messages name operations, keys and request ids, never plaintext.
        super("the key service failed: " + cause.getClass().getSimpleName(), cause);
    }
}
