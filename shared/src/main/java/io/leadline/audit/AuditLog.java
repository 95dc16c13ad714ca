package io.leadline.audit;

import io.leadline.storage.Storage;
import io.leadline.storage.TableNames;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The append-only, hash-chained audit log. Appending reads the head and writes the next sequence
 * number conditionally, so concurrent writers cannot fork the chain; {@link #verify()} recomputes
 * every hash and link.
 */
@Singleton
public final class AuditLog {

    public static final String CHAIN = "main";
    static final int MAX_ATTEMPTS = 12;

    /** Who or what acts: a console user, a visitor (by pseudonymous conversation id) or the system. */
    public record Actor(String id) {
        public static Actor user(String userId) {
            return new Actor("user:" + userId);
        }

        public static Actor visitor(String conversationId) {
            return new Actor("visitor:" + conversationId);
        }

        public static Actor system(String component) {
            return new Actor("system:" + component);
        }
    }

    /** The result of checking the chain: valid, or where and why it breaks. */
    public record Verification(boolean valid, long entries, Long brokenAt, String reason) {
        static Verification ok(long entries) {
            return new Verification(true, entries, null, null);
        }

        static Verification broken(long entries, long seq, String reason) {
            return new Verification(false, entries, seq, reason);
        }
    }

    private final DynamoDbTable<AuditEntry> table;
    private final Clock clock;
    private final Duration keep;

    @Inject
    public AuditLog(Storage storage, TableNames tables, Clock clock, AuditRetention retention) {
        this.table = storage.table(tables.audit(), AuditEntry.SCHEMA);
        this.clock = clock;
        this.keep = retention.keep();
    }

    public AuditEntry append(Actor actor, String action, String targetType, String targetId, String requestId,
                             Map<String, String> details) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<AuditEntry> head = head();
            long seq = head.map(h -> h.seq() + 1).orElse(1L);
            String prev = head.map(AuditEntry::hash).orElse(AuditEntry.GENESIS);
            Instant now = clock.instant();
            AuditEntry entry = new AuditEntry(CHAIN, seq, now, actor.id(), action, targetType, targetId,
                    requestId == null ? "-" : requestId, Map.copyOf(details), prev, null,
                    now.plus(keep).getEpochSecond()).withHash();
            try {
                table.putItem(PutItemEnhancedRequest.builder(AuditEntry.class).item(entry)
                        .conditionExpression(Storage.notExists("seq")).build());
                return entry;
            } catch (ConditionalCheckFailedException lostRace) {
                sleepBriefly(attempt);
            }
        }
        throw new IllegalStateException("audit log is too contended to append");
    }

    /** The newest entry. */
    public Optional<AuditEntry> head() {
        return table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(CHAIN).build()))
                        .scanIndexForward(false)
                        .limit(1)
                        .consistentRead(true)
                        .build())
                .stream().flatMap(p -> p.items().stream()).findFirst();
    }

    /** Entries newest first, {@code limit} at most, older than {@code beforeSeq} if given (paging). */
    public List<AuditEntry> newest(int limit, Long beforeSeq) {
        QueryConditional condition = beforeSeq == null
                ? QueryConditional.keyEqualTo(Key.builder().partitionValue(CHAIN).build())
                : QueryConditional.sortLessThan(Key.builder().partitionValue(CHAIN).sortValue(beforeSeq).build());
        List<AuditEntry> out = new ArrayList<>();
        for (var page : table.query(QueryEnhancedRequest.builder().queryConditional(condition)
                .scanIndexForward(false).limit(limit).consistentRead(true).build())) {
            for (AuditEntry e : page.items()) {
                if (out.size() < limit) {
                    out.add(e);
                }
            }
            if (out.size() >= limit) {
                break;
            }
        }
        return out;
    }

    /**
     * Walks the chain from its oldest entry: every hash must match its content, every entry must
     * point at its predecessor's hash, and sequence numbers must follow each other. The oldest entry
     * is the genesis, or, once retention has removed older entries, must be the one a retention sweep
     * recorded as the new start of the chain.
     */
    public Verification verify() {
        long count = 0;
        AuditEntry previous = null;
        AuditEntry first = null;
        String expectedFirstPrev = null;
        for (var page : table.query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(CHAIN).build()))
                .consistentRead(true).build())) {
            for (AuditEntry e : page.items()) {
                count++;
                if (!e.computeHash().equals(e.hash())) {
                    return Verification.broken(count, e.seq(), "entry " + e.seq() + " was changed (its hash does not match its content)");
                }
                if (previous == null) {
                    first = e;
                } else if (e.seq() != previous.seq() + 1) {
                    return Verification.broken(count, e.seq(), "entries " + (previous.seq() + 1) + ".." + (e.seq() - 1) + " are missing");
                } else if (!e.prevHash().equals(previous.hash())) {
                    return Verification.broken(count, e.seq(), "entry " + e.seq() + " does not follow entry " + previous.seq());
                }
                if (RETENTION_SWEEP.equals(e.action()) && e.details().containsKey(CHAIN_STARTS_AT)) {
                    expectedFirstPrev = e.details().get(CHAIN_STARTS_AT);
                }
                previous = e;
            }
        }
        if (first != null && first.seq() != 1) {
            String anchor = first.seq() + ":" + first.prevHash();
            if (!anchor.equals(expectedFirstPrev)) {
                return Verification.broken(count, first.seq(), "entries before " + first.seq()
                        + " are missing and no retention sweep accounts for them");
            }
        } else if (first != null && !AuditEntry.GENESIS.equals(first.prevHash())) {
            return Verification.broken(count, 1, "entry 1 does not start the chain");
        }
        return Verification.ok(count);
    }

    /** Action name of retention sweeps; their details may say where the chain now starts. */
    public static final String RETENTION_SWEEP = "retention.sweep";
    /** Detail key: "{seq}:{prevHash}" of the oldest entry left after a sweep removed older ones. */
    public static final String CHAIN_STARTS_AT = "auditChainStartsAt";

    private static void sleepBriefly(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(2, 10 + attempt * 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
