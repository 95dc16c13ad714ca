package io.leadline.funnel;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.leadline.analytics.FunnelCounters;
import io.leadline.analytics.FunnelEvent;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One batch of the events table's stream: new events are counted (an event rewritten with the same id
 * is a MODIFY and counts nothing; TTL's removals neither). If counting fails, the whole batch is
 * reported failed and comes again; the counters' markers make that harmless.
 */
@Singleton
public final class FunnelStreamFunction implements Function<DynamodbEvent, StreamsEventResponse> {

    private static final Logger log = LoggerFactory.getLogger(FunnelStreamFunction.class);

    private final FunnelCounters counters;
    private final StreamImages images;

    @Inject
    public FunnelStreamFunction(FunnelCounters counters, StreamImages images) {
        this.counters = counters;
        this.images = images;
    }

    @Override
    public StreamsEventResponse apply(DynamodbEvent batch) {
        List<DynamodbEvent.DynamodbStreamRecord> records = batch == null || batch.getRecords() == null
                ? List.of() : batch.getRecords();
        List<FunnelEvent> events = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null || record.getDynamodb().getNewImage() == null) {
                continue;
            }
            try {
                events.add(images.event(record.getDynamodb().getNewImage()));
            } catch (RuntimeException malformed) {
                // Not ours to count, and retrying will not make it countable: skip it, say so (no values: ids only).
                log.warn("skipped a malformed funnel event {}: {}", record.getEventID(), malformed.getClass().getSimpleName());
            }
        }
        StreamsEventResponse response = new StreamsEventResponse();
        response.setBatchItemFailures(new ArrayList<>());
        if (events.isEmpty()) {
            return response;
        }
        try {
            int counted = counters.count(events);
            log.info("counted {} of {} funnel events ({} already counted)", counted, events.size(), events.size() - counted);
        } catch (RuntimeException e) {
            log.warn("counting a batch of {} funnel events failed; it will be retried", events.size(), e);
            String first = records.get(0).getDynamodb().getSequenceNumber();
            response.getBatchItemFailures().add(new StreamsEventResponse.BatchItemFailure(first));
        }
        return response;
    }
}
