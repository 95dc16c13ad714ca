package io.leadline.leadsapi;

import io.leadline.users.StaffUser;
import io.leadline.users.UserDirectory;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The staff list, cached for half a minute: lists show owners by name, and the user pool is not
 * worth three calls per page view.
 */
@Singleton
final class StaffNames {

    static final Duration TTL = Duration.ofSeconds(30);

    private final UserDirectory directory;
    private final Clock clock;
    private volatile Map<String, StaffUser> byId = Map.of();
    private volatile Instant loadedAt = Instant.EPOCH;

    @Inject
    StaffNames(UserDirectory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    Optional<StaffUser> find(String userId) {
        StaffUser cached = current().get(userId);
        return cached != null ? Optional.of(cached) : directory.find(userId);
    }

    List<StaffUser> all() {
        return List.copyOf(current().values());
    }

    void invalidate() {
        loadedAt = Instant.EPOCH;
    }

    private Map<String, StaffUser> current() {
        Instant now = clock.instant();
        if (loadedAt.plus(TTL).isBefore(now)) {
            byId = directory.list().stream().collect(Collectors.toMap(StaffUser::id, Function.identity(), (a, b) -> a));
            loadedAt = now;
        }
        return byId;
    }
}
