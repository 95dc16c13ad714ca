package io.leadline.storage;

import java.util.List;

/**
 * A conditional write lost: someone else changed the record first (or the item already existed).
 * Carries only write labels and condition codes, never item contents.
 */
public final class ConcurrentUpdateException extends RuntimeException {

    private final List<String> failedWrites;

    public ConcurrentUpdateException(List<String> failedWrites) {
        super("conditional write failed: " + failedWrites);
        this.failedWrites = List.copyOf(failedWrites);
    }

    public List<String> failedWrites() {
        return failedWrites;
    }

    public boolean failed(String label) {
        return failedWrites.stream().anyMatch(f -> f.startsWith(label + ":"));
    }
}
