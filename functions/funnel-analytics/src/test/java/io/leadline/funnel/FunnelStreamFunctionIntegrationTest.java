package io.leadline.funnel;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.leadline.analytics.FunnelEvent;
import io.leadline.analytics.FunnelEventType;
import io.leadline.config.LeadlineConfig;
import io.leadline.testing.CapturedLogs;
import io.leadline.testing.SharedTestComponent;
import io.leadline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream handler on DynamoDB Local: inserts count, rewrites and expiries do not, a redelivered
 * batch counts once, and a batch that cannot be counted is reported back for a retry.
 */
class FunnelStreamFunctionIntegrationTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-01");

    @TempDir
    Path dir;

    private TestEnvironment env;
    private FunnelComponent component;
    private int sequence;

    @BeforeEach
    void setUp() {
        env = TestEnvironment.create(dir);
        component = DaggerFunnelComponent.factory().create(env.config, env.platform);
    }

    @Test
    void insertsCountOnceAndOtherChangesNotAtAll() {
        DynamodbEvent batch = batch(
                record("INSERT", event("c1:0:0", FunnelEventType.WIDGET_OPENED)),
                record("INSERT", event("c1:1:0", FunnelEventType.CHAT_STARTED)),
                record("MODIFY", event("c1:1:0", FunnelEventType.CHAT_STARTED)),
                record("REMOVE", event("c0:0:0", FunnelEventType.WIDGET_OPENED)));

        assertThat(component.function().apply(batch).getBatchItemFailures()).isEmpty();
        assertThat(component.function().apply(batch).getBatchItemFailures()).isEmpty();

        Map<String, Long> totals = totals();
        assertThat(totals).containsEntry("s_widget_opened", 1L).containsEntry("s_chat_started", 1L);
    }

    @Test
    void aMalformedImageIsSkippedAndTheRestCount() {
        var bad = new DynamodbEvent.DynamodbStreamRecord();
        bad.setEventName("INSERT");
        bad.setEventID("bad-1");
        bad.setDynamodb(new StreamRecord().withSequenceNumber(Integer.toString(++sequence))
                .withNewImage(Map.of("id", new AttributeValue().withS("x"), "type", new AttributeValue().withS("teleported"))));
        try (CapturedLogs logs = CapturedLogs.start()) {
            StreamsEventResponse r = component.function().apply(batch(bad, record("INSERT", event("c2:0:0", FunnelEventType.WIDGET_OPENED))));
            assertThat(r.getBatchItemFailures()).isEmpty();
            assertThat(logs.text()).contains("skipped a malformed funnel event bad-1").doesNotContain("teleported");
        }
        assertThat(totals()).containsEntry("s_widget_opened", 1L);
    }

    @Test
    void aBatchThatCannotBeCountedIsReportedFromItsFirstRecord() {
        // Counters in a table that does not exist: every attempt fails, as with DynamoDB unreachable.
        LeadlineConfig unprovisioned = LeadlineConfig.from(Map.of("LEADLINE_TABLE_PREFIX", "never-created-",
                "LEADLINE_KEYRING", "local", "LEADLINE_LOCAL_KEY_FILE", dir.resolve("k").toString()));
        FunnelComponent failing = DaggerFunnelComponent.factory().create(unprovisioned, env.platform);
        DynamodbEvent batch = batch(record("INSERT", event("c3:0:0", FunnelEventType.WIDGET_OPENED)),
                record("INSERT", event("c3:1:0", FunnelEventType.CHAT_STARTED)));
        String first = batch.getRecords().get(0).getDynamodb().getSequenceNumber();

        StreamsEventResponse r = failing.function().apply(batch);
        assertThat(r.getBatchItemFailures()).hasSize(1);
        assertThat(r.getBatchItemFailures().get(0).getItemIdentifier()).isEqualTo(first);
    }

    @Test
    void anEmptyOrMissingBatchIsNoWork() {
        assertThat(component.function().apply(new DynamodbEvent()).getBatchItemFailures()).isEmpty();
        assertThat(component.function().apply(null).getBatchItemFailures()).isEmpty();
    }

    private FunnelEvent event(String id, FunnelEventType type) {
        return new FunnelEvent(id, type, DAY, "website-lead", "en", "ads", null, null, 0, Instant.parse("2026-11-01T10:00:00Z"),
                Instant.parse("2026-11-08T10:00:00Z").getEpochSecond());
    }

    /** A stream record as Lambda delivers it: the item's image in the events library's own types. */
    private DynamodbEvent.DynamodbStreamRecord record(String name, FunnelEvent event) {
        Map<String, AttributeValue> image = new HashMap<>();
        FunnelEvent.schema().itemToMap(event, true).forEach((k, v) -> image.put(k,
                v.s() != null ? new AttributeValue().withS(v.s()) : new AttributeValue().withN(v.n())));
        var record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName(name);
        record.setEventID("e-" + (++sequence));
        StreamRecord data = new StreamRecord().withSequenceNumber(Integer.toString(sequence))
                .withKeys(Map.of("id", image.get("id")));
        record.setDynamodb(name.equals("REMOVE") ? data.withOldImage(image) : data.withNewImage(image));
        return record;
    }

    private static DynamodbEvent batch(DynamodbEvent.DynamodbStreamRecord... records) {
        DynamodbEvent e = new DynamodbEvent();
        e.setRecords(new ArrayList<>(List.of(records)));
        return e;
    }

    private Map<String, Long> totals() {
        return SharedTestComponent.of(env).funnelReport().totals(Optional.empty(), Optional.empty(), DAY, DAY);
    }
}
