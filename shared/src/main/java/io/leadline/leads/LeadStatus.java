package io.leadline.leads;

import java.util.EnumSet;
import java.util.Set;

/** The lead lifecycle: new → contacted → qualified → won | lost. */
public enum LeadStatus {
    NEW, CONTACTED, QUALIFIED, WON, LOST;

    public Set<LeadStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(CONTACTED);
            case CONTACTED -> EnumSet.of(QUALIFIED);
            case QUALIFIED -> EnumSet.of(WON, LOST);
            case WON, LOST -> EnumSet.noneOf(LeadStatus.class);
        };
    }

    public boolean canMoveTo(LeadStatus target) {
        return next().contains(target);
    }

    public boolean open() {
        return this != WON && this != LOST;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
