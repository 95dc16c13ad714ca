package io.leadline.crypto;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A ciphertext could not be opened: its key was destroyed (erasure), it belongs to another record,
 * or it was tampered with. The message never contains data.
 */
public final class UnreadableDataException extends RuntimeException {

    private final boolean keyGone;

    public UnreadableDataException(String message) {
        this(message, false);
    }

    public UnreadableDataException(String message, Throwable cause) {
        // The SDK's own messages describe keys and contexts, never plaintext; keep the cause for operators.
        super(message, cause);
        this.keyGone = false;
    }

    private UnreadableDataException(String message, boolean keyGone) {
        super(message);
        this.keyGone = keyGone;
    }

    /**
     * The subject's key is not there: destroyed by an erasure (keys go first, then the records) or
     * expired with the data. The record is gone, or going; not a fault.
     */
    public static UnreadableDataException keyGone(String message) {
        return new UnreadableDataException(message, true);
    }

    /** Whether the key was missing (an erased or expired subject), rather than the data unreadable with it. */
    public boolean keyGone() {
        return keyGone;
    }

    /**
     * What {@code read} returns, or empty if it met a subject whose key is gone: the record is being
     * erased or has expired, not broken. Any other unreadable data is still thrown.
     */
    public static <T> Optional<T> unlessKeyGone(Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (UnreadableDataException e) {
            if (!e.keyGone()) {
                throw e;
            }
            return Optional.empty();
        }
    }
}
