package io.leadline.analytics;

import io.leadline.config.LeadlineConfig;
import io.leadline.storage.Storage;
import io.leadline.storage.TableNames;
import io.leadline.storage.Transaction;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes funnel events to the events table. Chat turns stage them in the turn's own transaction, so
 * an event exists exactly when what it reports does. Ids are derived from what happened (conversation
 * and turn, lead and status): writing one twice overwrites it, and the counters count only inserts.
 */
@Singleton
public final class FunnelEvents {

    private final DynamoDbTable<FunnelEvent> table;
    private final LeadlineConfig.AnalyticsSettings settings;
    private final Clock clock;

    @Inject
    public FunnelEvents(Storage storage, TableNames tables, LeadlineConfig.AnalyticsSettings settings, Clock clock) {
        this.table = storage.table(tables.events(), FunnelEvent.SCHEMA);
        this.settings = settings;
        this.clock = clock;
    }

    /** A new event of a visitor who arrived at {@code cohortStart}. */
    public FunnelEvent event(String id, FunnelEventType type, Instant cohortStart, String flowId, String locale, String source) {
        Instant now = clock.instant();
        return new FunnelEvent(id, type, day(cohortStart), flowId, locale, source, null, null, 0, now,
                now.plus(settings.eventRetention()).getEpochSecond());
    }

    public LocalDate day(Instant instant) {
        return instant.atZone(settings.zone()).toLocalDate();
    }

    public void stage(Transaction tx, FunnelEvent event) {
        tx.put("funnel-event", table, event, null);
    }

    public void record(FunnelEvent event) {
        table.putItem(event);
    }
}
