package io.leadline.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What Lambda's event source mapping does for a DynamoDB stream, in this process: reads every shard
 * from its oldest record (parents before children), hands batches to the function, and when the
 * function reports a failed record, reads again from that record, giving up on a batch after as many
 * attempts as the template allows (where AWS would send it to the dead-letter queue).
 */
final class StreamPoller implements AutoCloseable {

    static final int BATCH_SIZE = 100;
    static final int MAX_RETRIES = 10;
    private static final Logger log = LoggerFactory.getLogger(StreamPoller.class);

    private final DynamoDbStreamsClient streams;
    private final DynamoDbClient dynamo;
    private final String table;
    private final Function<DynamodbEvent, StreamsEventResponse> function;
    private final ScheduledExecutorService timer;
    private final Map<String, String> iterators = new HashMap<>();
    /** Where to read a shard again after a new iterator: after the last record handled, or at a failed one. */
    private final Map<String, Checkpoint> checkpoints = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private String streamArn;
    private final Map<String, Integer> attempts = new HashMap<>();

    private record Checkpoint(ShardIteratorType type, String sequenceNumber) {
    }

    StreamPoller(DynamoDbStreamsClient streams, DynamoDbClient dynamo, String table,
                 Function<DynamodbEvent, StreamsEventResponse> function, String threadName) {
        this.streams = streams;
        this.dynamo = dynamo;
        this.table = table;
        this.function = function;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    void start(Duration every) {
        timer.scheduleWithFixedDelay(this::pollSafely, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("reading the {} stream failed; trying again shortly: {}", table, e.getClass().getSimpleName());
            streamArn = null;
            iterators.clear();
        }
    }

    /** One round over the stream's shards; returns how many records were handed to the function. */
    int poll() {
        if (streamArn == null) {
            streamArn = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
            if (streamArn == null) {
                return 0;
            }
        }
        List<Shard> shards = shards();
        Set<String> present = new HashSet<>();
        shards.forEach(s -> present.add(s.shardId()));
        int handled = 0;
        for (Shard shard : shards) {
            String parent = shard.parentShardId();
            boolean parentPending = parent != null && present.contains(parent) && !finished.contains(parent);
            if (!finished.contains(shard.shardId()) && !parentPending) {
                handled += drain(shard.shardId());
            }
        }
        return handled;
    }

    private List<Shard> shards() {
        List<Shard> out = new ArrayList<>();
        String after = null;
        do {
            String start = after;
            var d = streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(start)).streamDescription();
            out.addAll(d.shards());
            after = d.lastEvaluatedShardId();
        } while (after != null);
        return out;
    }

    private int drain(String shardId) {
        String iterator = iterators.computeIfAbsent(shardId, this::newIterator);
        int handled = 0;
        while (iterator != null) {
            GetRecordsResponse page;
            try {
                String current = iterator;
                page = streams.getRecords(b -> b.shardIterator(current).limit(BATCH_SIZE));
            } catch (TrimmedDataAccessException e) {
                // Right after a table is created DynamoDB Local may say so of its oldest position;
                // a checkpoint past the stream's 24 hours is gone for good. Either way: the oldest record next round.
                iterators.remove(shardId);
                if (checkpoints.remove(shardId) != null) {
                    log.warn("stream records of {} were trimmed before they were handled", table);
                }
                return handled;
            } catch (SdkException e) {
                // An expired iterator, or the service away: start again from the checkpoint next round.
                iterators.remove(shardId);
                throw e;
            }
            if (page.hasRecords() && !page.records().isEmpty()) {
                var records = page.records();
                StreamsEventResponse response = function.apply(StreamRecords.event(records, streamArn, "local"));
                var failed = response == null || response.getBatchItemFailures() == null
                        ? List.<StreamsEventResponse.BatchItemFailure>of() : response.getBatchItemFailures();
                if (!failed.isEmpty() && attempts.merge(shardId, 1, Integer::sum) <= MAX_RETRIES) {
                    checkpoints.put(shardId, new Checkpoint(ShardIteratorType.AT_SEQUENCE_NUMBER, failed.get(0).getItemIdentifier()));
                    iterators.remove(shardId);
                    return handled;
                }
                if (!failed.isEmpty()) {
                    log.warn("gave up on a batch of {} stream records after {} attempts", records.size(), MAX_RETRIES);
                }
                attempts.remove(shardId);
                handled += records.size();
                checkpoints.put(shardId, new Checkpoint(ShardIteratorType.AFTER_SEQUENCE_NUMBER,
                        records.get(records.size() - 1).dynamodb().sequenceNumber()));
            }
            iterator = page.nextShardIterator();
            if (iterator == null) {
                finished.add(shardId);
                iterators.remove(shardId);
                return handled;
            }
            iterators.put(shardId, iterator);
            if (!page.hasRecords() || page.records().isEmpty()) {
                return handled;
            }
        }
        return handled;
    }

    private String newIterator(String shardId) {
        Checkpoint at = checkpoints.get(shardId);
        return streams.getShardIterator(b -> {
            b.streamArn(streamArn).shardId(shardId);
            if (at == null) {
                b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            } else {
                b.shardIteratorType(at.type()).sequenceNumber(at.sequenceNumber());
            }
        }).shardIterator();
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            // A batch in flight finishes before the database goes.
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
