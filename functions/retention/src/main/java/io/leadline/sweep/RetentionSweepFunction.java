package io.leadline.sweep;

import io.leadline.retention.RetentionSweeper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs one retention sweep per EventBridge schedule event; returns the counts it deleted.
 */
@Singleton
public final class RetentionSweepFunction implements Function<Map<String, Object>, Map<String, Object>> {

    private final RetentionSweeper sweeper;

    @Inject
    public RetentionSweepFunction(RetentionSweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Override
    public Map<String, Object> apply(Map<String, Object> scheduledEvent) {
        Object id = scheduledEvent == null ? null : scheduledEvent.get("id");
        RetentionSweeper.Report report = sweeper.sweep(id == null ? UUID.randomUUID().toString() : id.toString());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", report.at().toString());
        out.put("deleted", report.deleted());
        out.put("total", report.total());
        return out;
    }
}
