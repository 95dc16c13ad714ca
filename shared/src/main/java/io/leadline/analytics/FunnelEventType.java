package io.leadline.analytics;

import io.leadline.leads.LeadStatus;

import java.util.Locale;
import java.util.Optional;

/**
 * What happened on the way from a visit to a won deal. Events say which, never who: they carry the
 * flow, locale, campaign source, day and flow node, and no personal data.
 */
public enum FunnelEventType {
    /** A conversation was created: the visitor opened the widget and was greeted. */
    WIDGET_OPENED,
    /** The visitor answered for the first time. */
    CHAT_STARTED,
    /** The conversation reached a flow node (for drop-off per node). */
    NODE_REACHED,
    CONSENT_GRANTED,
    CONSENT_DECLINED,
    /** A new lead (a returning visitor's update to their existing lead is not a new one). */
    LEAD_CAPTURED,
    CONTACTED,
    QUALIFIED,
    WON,
    LOST,
    /**
     * A conversation was judged automated (the chat's honeypot was filled): counted once per conversation,
     * an outcome beside the funnel, not a step of it; the conversation adds nothing to the later stages.
     */
    BOT_CAUGHT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FunnelEventType> ofWire(String wire) {
        for (FunnelEventType t : values()) {
            if (t.wire().equals(wire)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The event for a lead entering a status, if it is one the funnel counts. */
    public static Optional<FunnelEventType> forStatus(LeadStatus status) {
        return switch (status) {
            case CONTACTED -> Optional.of(CONTACTED);
            case QUALIFIED -> Optional.of(QUALIFIED);
            case WON -> Optional.of(WON);
            case LOST -> Optional.of(LOST);
            case NEW -> Optional.empty();
        };
    }
}
