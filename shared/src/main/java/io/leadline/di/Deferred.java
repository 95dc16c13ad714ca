package io.leadline.di;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made on first use, once, safely across threads: for what costs start-up time and is not
 * needed by every request. The KMS client and the Encryption SDK's and Material Providers' set-up
 * (~0.1 s of class loading together) stay out of a cold start whose first request encrypts nothing,
 * such as a chat's greeting; priming makes them before a SnapStart snapshot.
 */
public final class Deferred<T> implements Supplier<T> {

    private final Supplier<T> maker;
    private volatile T value;

    private Deferred(Supplier<T> maker) {
        this.maker = maker;
    }

    public static <T> Deferred<T> of(Supplier<T> maker) {
        return new Deferred<>(Objects.requireNonNull(maker));
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = Objects.requireNonNull(maker.get());
                    value = v;
                }
            }
        }
        return v;
    }
}
