package io.leadline.audit;

import io.leadline.testing.SharedTestComponent;
import io.leadline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hash chain on DynamoDB Local: a changed, inserted or removed entry is detected. */
class AuditLogIntegrationTest {

    @TempDir
    Path dir;

    private TestEnvironment env;
    private AuditLog audit;
    private String table;

    @BeforeEach
    void setUp() {
        env = TestEnvironment.create(dir);
        audit = SharedTestComponent.of(env).audit();
        table = env.config.tables().audit();
        for (int i = 1; i <= 6; i++) {
            audit.append(AuditLog.Actor.user("u-" + i), "lead.reveal", "lead", "L" + i, "req-" + i, Map.of("n", Integer.toString(i)));
        }
    }

    @Test
    void anUntouchedChainVerifies() {
        AuditLog.Verification v = audit.verify();
        assertTrue(v.valid(), v.reason());
        assertEquals(6, v.entries());
        assertEquals(6, audit.head().orElseThrow().seq());
        assertEquals(AuditEntry.GENESIS, audit.newest(10, null).get(5).prevHash());
    }

    @Test
    void aChangedEntryIsDetected() {
        env.dynamo.updateItem(b -> b.tableName(table).key(key(3))
                .updateExpression("SET #a = :a").expressionAttributeNames(Map.of("#a", "targetId"))
                .expressionAttributeValues(Map.of(":a", AttributeValue.fromS("L999"))));
        AuditLog.Verification v = audit.verify();
        assertFalse(v.valid());
        assertEquals(3L, v.brokenAt());
        assertTrue(v.reason().contains("changed"), v.reason());
    }

    @Test
    void aForgedEntryThatRehashesItselfStillBreaksTheNextLink() {
        AuditEntry original = audit.newest(10, null).stream().filter(e -> e.seq() == 4).findFirst().orElseThrow();
        AuditEntry forged = new AuditEntry(original.chain(), 4, original.at(), original.actor(), "lead.update", "lead", "L4",
                original.requestId(), Map.of(), original.prevHash(), null, original.expiresAt()).withHash();
        env.dynamo.putItem(b -> b.tableName(table).item(item(forged)));
        AuditLog.Verification v = audit.verify();
        assertFalse(v.valid());
        assertEquals(5L, v.brokenAt());
    }

    @Test
    void anEntryAppendedOutsideTheChainIsDetected() {
        AuditEntry head = audit.head().orElseThrow();
        AuditEntry inserted = new AuditEntry(AuditLog.CHAIN, 7, head.at(), "user:intruder", "lead.reveal", "lead", "L1",
                "-", Map.of(), AuditEntry.GENESIS, null, head.expiresAt()).withHash();
        env.dynamo.putItem(b -> b.tableName(table).item(item(inserted)));
        assertFalse(audit.verify().valid());
        assertEquals(7L, audit.verify().brokenAt());
    }

    @Test
    void aRemovedEntryIsDetected() {
        env.dynamo.deleteItem(b -> b.tableName(table).key(key(2)));
        AuditLog.Verification v = audit.verify();
        assertFalse(v.valid());
        assertTrue(v.reason().contains("missing"), v.reason());
    }

    @Test
    void removingTheOldestEntriesWithoutARetentionSweepIsDetected() {
        env.dynamo.deleteItem(b -> b.tableName(table).key(key(1)));
        env.dynamo.deleteItem(b -> b.tableName(table).key(key(2)));
        AuditLog.Verification v = audit.verify();
        assertFalse(v.valid());
        assertTrue(v.reason().contains("before 3"), v.reason());
    }

    @Test
    void concurrentWritersNeverForkTheChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<AuditEntry>> results = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int n = i;
            results.add(pool.submit(() -> audit.append(AuditLog.Actor.system("test"), "x", "t", "id" + n, "r", Map.of())));
        }
        for (Future<AuditEntry> f : results) {
            f.get();
        }
        pool.shutdown();
        AuditLog.Verification v = audit.verify();
        assertTrue(v.valid(), v.reason());
        assertEquals(36, v.entries());
    }

    private static Map<String, AttributeValue> key(long seq) {
        return Map.of("chain", AttributeValue.fromS(AuditLog.CHAIN), "seq", AttributeValue.fromN(Long.toString(seq)));
    }

    private static Map<String, AttributeValue> item(AuditEntry e) {
        return AuditEntry.SCHEMA.itemToMap(e, true);
    }
}
