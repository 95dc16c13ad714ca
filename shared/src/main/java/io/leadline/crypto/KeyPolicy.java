package io.leadline.crypto;

import java.time.Duration;

/**
 * @param kekRotation      how long a container wraps new subject keys under the same key-encryption key
 * @param longestRetention the longest any data may be kept from now; a key-encryption key lives for
 *                         its rotation period plus this, so every subject key it wraps outlives nothing it protects
 * @param subjectKeyCache  how long an unwrapped subject key stays in memory
 */
public record KeyPolicy(Duration kekRotation, Duration longestRetention, Duration subjectKeyCache) {

    public static KeyPolicy defaults() {
        return new KeyPolicy(Duration.ofDays(30), Duration.ofDays(3 * 365), Duration.ofMinutes(5));
    }

    public Duration kekLifetime() {
        return kekRotation.plus(longestRetention);
    }
}
