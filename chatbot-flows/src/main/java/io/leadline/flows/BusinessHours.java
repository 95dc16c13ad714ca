package io.leadline.flows;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/** When people answer hand-offs, in the company's time zone. */
public record BusinessHours(ZoneId zone, Set<DayOfWeek> days, LocalTime open, LocalTime close) {

    public boolean isOpen(Instant now) {
        ZonedDateTime t = now.atZone(zone);
        LocalTime time = t.toLocalTime();
        return days.contains(t.getDayOfWeek()) && !time.isBefore(open) && time.isBefore(close);
    }

    /** The next opening after {@code now}, or empty while open. */
    public Optional<ZonedDateTime> nextOpening(Instant now) {
        if (isOpen(now)) {
            return Optional.empty();
        }
        ZonedDateTime t = now.atZone(zone);
        ZonedDateTime candidate = t.with(open).withSecond(0).withNano(0);
        if (!candidate.isAfter(t)) {
            candidate = candidate.plusDays(1);
        }
        for (int i = 0; i < 8; i++) {
            if (days.contains(candidate.getDayOfWeek())) {
                return Optional.of(candidate);
            }
            candidate = candidate.plusDays(1);
        }
        return Optional.empty();
    }
}
