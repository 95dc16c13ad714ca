package io.leadline.crypto;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small LRU cache whose entries also expire. Unwrapped subject keys live here for a few minutes,
 * so an erasure in one container stops other warm containers from decrypting within that time.
 */
final class ExpiringCache<K, V> {

    private record Slot<V>(V value, Instant expires) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final LinkedHashMap<K, Slot<V>> entries;

    ExpiringCache(Clock clock, Duration ttl, int maxEntries) {
        this.clock = clock;
        this.ttl = ttl;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Slot<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    V get(K key, Function<K, V> load) {
        Instant now = clock.instant();
        synchronized (entries) {
            Slot<V> e = entries.get(key);
            if (e != null && e.expires().isAfter(now)) {
                return e.value();
            }
        }
        // Loading may call DynamoDB or KMS: do it outside the lock. Two threads may load the same
        // key at once; both get the same key material, which is harmless.
        V value = load.apply(key);
        synchronized (entries) {
            entries.put(key, new Slot<>(value, now.plus(ttl)));
        }
        return value;
    }

    void remove(K key) {
        synchronized (entries) {
            entries.remove(key);
        }
    }
}
