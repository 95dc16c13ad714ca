package io.leadline.crypto;

/**
 * A ciphertext could not be opened: its key was destroyed (erasure), it belongs to another record,
 * or it was tampered with. The message never contains data.
 */
public final class UnreadableDataException extends RuntimeException {

    public UnreadableDataException(String message) {
        super(message);
    }

    public UnreadableDataException(String message, Throwable cause) {
        // The SDK's own messages describe keys and contexts, never plaintext; keep the cause for operators.
        super(message, cause);
    }
}
