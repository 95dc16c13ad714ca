package io.leadline.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.leadline.analytics.FunnelEventType;
import io.leadline.analytics.FunnelEvents;
import io.leadline.analytics.FunnelReport;
import io.leadline.config.LeadlineConfig;
import io.leadline.di.Platform;
import io.leadline.di.SharedModule;
import io.leadline.funnel.DaggerFunnelComponent;
import io.leadline.funnel.FunnelStreamFunction;
import io.leadline.storage.TableProvisioner;
import io.leadline.storage.TableSpecs;
import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stand-in for Lambda's stream event source mapping, on DynamoDB Local's real stream: every
 * event reaches the counter, a reported failure brings the batch back from the failed record, and a
 * restart that reads the stream from its start again counts nothing twice.
 */
class StreamPollerIntegrationTest {

    private static final Instant AT = Instant.parse("2026-11-01T09:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-01");

    @TempDir
    Path data;

    private EmbeddedDatabase database;
    private LeadlineConfig config;
    private Platform platform;
    private Graph graph;

    @Singleton
    @Component(modules = SharedModule.class)
    interface Graph {
        FunnelEvents events();

        FunnelReport report();

        @Component.Factory
        interface Factory {
            Graph create(@BindsInstance LeadlineConfig config, @BindsInstance Platform platform);
        }
    }

    @BeforeEach
    void open() {
        database = EmbeddedDatabase.open(data.resolve("dynamodb.db"));
        config = LeadlineConfig.from(Map.of("LEADLINE_KEYRING", "local",
                "LEADLINE_LOCAL_KEY_FILE", data.resolve("k").toString(), "AWS_REGION", "local"));
        new TableProvisioner(database.client()).ensure(TableSpecs.all(config.tables()));
        platform = new Platform(database.client(), () -> {
            throw new IllegalStateException("no KMS here");
        }, Clock.systemUTC());
        graph = DaggerStreamPollerIntegrationTest_Graph.factory().create(config, platform);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void everyEventIsCountedOnceEvenWhenTheStreamIsReadAgainFromItsStart() {
        write(250, "a");
        assertThat(poller(counter()).poll()).isEqualTo(250);
        assertThat(opened()).isEqualTo(250L);

        // A restart: a new poller reads from the oldest record again, as after a lost checkpoint.
        assertThat(poller(counter()).poll()).isEqualTo(250);
        assertThat(opened()).isEqualTo(250L);

        StreamPoller running = poller(counter());
        running.poll();
        write(3, "b");
        assertThat(running.poll()).isEqualTo(3);
        assertThat(running.poll()).isZero();
        assertThat(opened()).isEqualTo(253L);
    }

    @Test
    void aReportedFailureBringsTheBatchBackFromTheFailedRecord() {
        write(5, "c");
        FunnelStreamFunction counter = counter();
        List<Integer> sizes = new ArrayList<>();
        int[] calls = {0};
        Function<DynamodbEvent, StreamsEventResponse> flaky = batch -> {
            sizes.add(batch.getRecords().size());
            if (calls[0]++ == 0) {
                // The first delivery fails at its third record, after counting nothing.
                StreamsEventResponse r = new StreamsEventResponse();
                r.setBatchItemFailures(List.of(new StreamsEventResponse.BatchItemFailure(
                        batch.getRecords().get(2).getDynamodb().getSequenceNumber())));
                return r;
            }
            return counter.apply(batch);
        };
        StreamPoller poller = poller(flaky);
        assertThat(poller.poll()).isZero();
        assertThat(poller.poll()).isEqualTo(3);
        assertThat(sizes).containsExactly(5, 3);
        assertThat(opened()).isEqualTo(3L);
    }

    @Test
    void aBatchThatKeepsFailingIsGivenUpAfterTheTemplatesRetries() {
        write(2, "d");
        int[] calls = {0};
        StreamPoller poller = poller(batch -> {
            calls[0]++;
            StreamsEventResponse r = new StreamsEventResponse();
            r.setBatchItemFailures(List.of(new StreamsEventResponse.BatchItemFailure(
                    batch.getRecords().get(0).getDynamodb().getSequenceNumber())));
            return r;
        });
        for (int i = 0; i < StreamPoller.MAX_RETRIES + 3; i++) {
            poller.poll();
        }
        assertThat(calls[0]).isEqualTo(StreamPoller.MAX_RETRIES + 1);
    }

    private StreamPoller poller(Function<DynamodbEvent, StreamsEventResponse> function) {
        return new StreamPoller(database.streams(), database.client(), config.tables().events(), function, "test-stream");
    }

    private FunnelStreamFunction counter() {
        return DaggerFunnelComponent.factory().create(config, platform).function();
    }

    private void write(int n, String prefix) {
        FunnelEvents events = graph.events();
        for (int i = 0; i < n; i++) {
            events.record(events.event(prefix + i + ":0:0", FunnelEventType.WIDGET_OPENED, AT, "website-lead", "en", null));
        }
    }

    private Long opened() {
        return graph.report().totals(Optional.empty(), Optional.empty(), DAY, DAY).getOrDefault("s_widget_opened", 0L);
    }
}
