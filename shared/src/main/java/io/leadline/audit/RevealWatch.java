package io.leadline.audit;

import io.leadline.monitoring.Metrics;
import io.leadline.storage.Storage;
import io.leadline.storage.TableNames;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Notices bulk extraction: counts each user's reveals of personal data per hour (an atomic counter),
 * and past the threshold emits the {@code UnusualReveals} metric (an alarm watches it) and a warning.
 * It notices; it does not block a rep mid-call.
 */
@Singleton
public final class RevealWatch {

    private static final Logger log = LoggerFactory.getLogger(RevealWatch.class);

    /** Reveals per user per hour above which the alarm fires (LEADLINE_REVEAL_ALERT_PER_HOUR). */
    public record Threshold(int perHour) {
    }

    private final Storage storage;
    private final String table;
    private final Metrics metrics;
    private final Clock clock;
    private final int threshold;

    @Inject
    public RevealWatch(Storage storage, TableNames tables, Metrics metrics, Clock clock, Threshold threshold) {
        this.storage = storage;
        this.table = tables.analytics();
        this.metrics = metrics;
        this.clock = clock;
        this.threshold = threshold.perHour();
    }

    /** Counts one reveal; returns this hour's count for the user. */
    public long revealed(String userId) {
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        var response = storage.client().updateItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("reveals#" + userId), "sk", AttributeValue.fromS(hour.toString())))
                .updateExpression("ADD #n :one SET expiresAt = :e")
                .expressionAttributeNames(Map.of("#n", "count"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                        ":e", AttributeValue.fromN(Long.toString(hour.plus(Duration.ofDays(2)).getEpochSecond()))))
                .returnValues(ReturnValue.UPDATED_NEW));
        long count = Long.parseLong(response.attributes().get("count").n());
        if (count > threshold) {
            log.warn("unusual volume of reveals: user {} revealed {} leads this hour (threshold {})", userId, count, threshold);
            metrics.count("UnusualReveals", Map.of("Service", "leads-api"));
        }
        return count;
    }
}
