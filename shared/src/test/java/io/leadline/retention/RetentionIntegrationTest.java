package io.leadline.retention;

import io.leadline.audit.AuditLog;
import io.leadline.consent.ConsentDecision;
import io.leadline.consent.ConsentRecord;
import io.leadline.conversations.Conversation;
import io.leadline.conversations.ConversationStatus;
import io.leadline.leads.Lead;
import io.leadline.leads.LeadStatus;
import io.leadline.storage.Transaction;
import io.leadline.testing.SharedTestComponent;
import io.leadline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retention with an injected clock: expired items are never served, and the sweep removes them. */
class RetentionIntegrationTest {

    @TempDir
    Path dir;

    private TestEnvironment env;
    private SharedTestComponent shared;

    @BeforeEach
    void setUp() {
        env = TestEnvironment.create(dir);
        shared = SharedTestComponent.of(env);
    }

    @Test
    void anExpiredItemIsNeverServedEvenBeforeTtlRemovesIt() {
        Conversation c = conversation("c-expiring", Duration.ofHours(24));
        save(c);
        assertTrue(shared.conversations().find(c.id()).isPresent());
        env.clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertTrue(shared.conversations().find(c.id()).isEmpty(), "expired: not served");
        assertEquals(1, env.rawItems(env.config.tables().conversations()).size(), "still in the table: TTL is lazy");
    }

    @Test
    void theSweepDeletesWhatExpiredInEveryTableAndKeepsTheRest() {
        save(conversation("c-old", Duration.ofHours(1)));
        save(conversation("c-new", Duration.ofDays(30)));
        saveLead(lead("l-old", Duration.ofHours(1)));
        saveLead(lead("l-new", Duration.ofDays(180)));
        shared.ledger().append(consent("c-old", Duration.ofHours(1)));
        shared.subjectKeys().create("s-old", env.clock.instant().plus(Duration.ofHours(1)).getEpochSecond());
        shared.subjectKeys().create("s-new", env.clock.instant().plus(Duration.ofDays(30)).getEpochSecond());

        env.clock.advance(Duration.ofHours(2));
        RetentionSweeper.Report report = shared.sweeper().sweep("sweep-1");

        assertEquals(1, report.deleted().get("conversations"));
        assertEquals(1, report.deleted().get("leads"));
        assertEquals(1, report.deleted().get("consent"));
        assertEquals(1, report.deleted().get("keys"));
        assertEquals(List.of("c-new"), ids(env.config.tables().conversations(), "id"));
        assertEquals(List.of("l-new"), ids(env.config.tables().leads(), "id"));
        assertTrue(ids(env.config.tables().keys(), "id").contains("subject#s-new"));
        assertFalse(ids(env.config.tables().keys(), "id").contains("subject#s-old"));

        var entry = shared.audit().head().orElseThrow();
        assertEquals(AuditLog.RETENTION_SWEEP, entry.action());
        assertEquals("1", entry.details().get("leads"), "deletions are audited as counts");
        assertEquals("sweep-1", entry.requestId());
    }

    @Test
    void anItemWhoseRetentionMovedForwardDuringTheSweepIsKept() {
        saveLead(lead("l-active", Duration.ofHours(1)));
        env.clock.advance(Duration.ofHours(2));
        String leads = env.config.tables().leads();
        // Between the sweep's scan and its delete, a rep works the lead: its expiry moves forward.
        DynamoDbClient racing = (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("deleteItem") && args != null && args[0] instanceof java.util.function.Consumer<?>) {
                        env.dynamo.updateItem(b -> b.tableName(leads)
                                .key(Map.of("id", AttributeValue.fromS("l-active"), "sk", AttributeValue.fromS(Lead.SORT_KEY)))
                                .updateExpression("SET expiresAt = :e")
                                .expressionAttributeValues(Map.of(":e", AttributeValue.fromN(
                                        Long.toString(env.clock.instant().plus(Duration.ofDays(180)).getEpochSecond())))));
                    }
                    try {
                        return method.invoke(env.dynamo, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        var racingShared = io.leadline.testing.DaggerSharedTestComponent.factory()
                .create(env.config, new io.leadline.di.Platform(racing, env.platform.kms(), env.clock));
        RetentionSweeper.Report report = racingShared.sweeper().sweep("sweep-race");
        assertEquals(0, report.deleted().get("leads"));
        assertEquals(List.of("l-active"), ids(leads, "id"));
    }

    @Test
    void leadActivityMovesItsDeadlineAndItsKeyAndConsentProofFollow() {
        shared.subjectKeys().create("s-lead", env.clock.instant().plus(Duration.ofDays(180)).getEpochSecond());
        Lead lead = lead("l-1", Duration.ofDays(180)).toBuilder().subjectId("s-lead").conversationIds(List.of("c-1")).build();
        saveLead(lead);
        shared.ledger().append(consent("c-1", Duration.ofDays(180).plus(env.config.retention().consentProof())));

        env.clock.advance(Duration.ofDays(100));
        Lead touched = shared.leadActivity().touch(lead);
        long expected = env.clock.instant().plus(Duration.ofDays(180)).getEpochSecond();
        assertEquals(expected, touched.expiresAt());
        shared.leads().update(touched.toBuilder().version(lead.version() + 1).build(), lead.version());
        shared.leadActivity().extendDependents(touched);

        assertEquals(expected, shared.keyStore().find("subject#s-lead").orElseThrow().expiresAt(), "the key lives as long as the lead");
        long proof = shared.ledger().forConversation("c-1").get(0).expiresAt();
        assertEquals(expected + env.config.retention().consentProof().toSeconds(), proof, "proof outlives the lead by its period");

        env.clock.advance(Duration.ofDays(181));
        shared.sweeper().sweep("after-lead");
        assertTrue(ids(env.config.tables().leads(), "id").isEmpty(), "the lead is gone");
        assertEquals(1, ids(env.config.tables().consent(), "conversationId").size(), "its consent proof is not");
    }

    @Test
    void auditEntriesPastTheirRetentionLeaveAChainThatStillVerifies() {
        for (int i = 0; i < 4; i++) {
            shared.audit().append(AuditLog.Actor.system("test"), "old.action", "t", "x" + i, "r", Map.of());
        }
        env.clock.advance(env.config.auditRetention().plusDays(1));
        shared.audit().append(AuditLog.Actor.system("test"), "new.action", "t", "y", "r", Map.of());
        RetentionSweeper.Report report = shared.sweeper().sweep("audit-sweep");
        assertEquals(4, report.deleted().get("audit"));
        AuditLog.Verification v = shared.audit().verify();
        assertTrue(v.valid(), v.reason());
        assertEquals(2, v.entries(), "the recent entry and the sweep's own");
        // Removing entries past the sweep's anchor is still detected.
        env.dynamo.deleteItem(b -> b.tableName(env.config.tables().audit()).key(Map.of(
                "chain", AttributeValue.fromS(AuditLog.CHAIN), "seq", AttributeValue.fromN("5"))));
        assertFalse(shared.audit().verify().valid());
    }

    private Conversation conversation(String id, Duration keep) {
        Instant now = env.clock.instant();
        return new Conversation.Builder().id(id).tokenHash("h").flowId("website-lead").flowVersion(1).locale("en")
                .nodeId("interest").status(ConversationStatus.ACTIVE).answers(Map.of()).personal(Map.of())
                .consents(Map.of()).recentTurns(Map.of()).createdAt(now).updatedAt(now)
                .expiresAt(now.plus(keep).getEpochSecond()).version(1).build();
    }

    private Lead lead(String id, Duration keep) {
        Instant now = env.clock.instant();
        return new Lead.Builder().id(id).subjectId("s-" + id).conversationIds(List.of()).flowId("website-lead").flowVersion(1)
                .locale("en").status(LeadStatus.NEW).answers(Map.of()).personal(Map.of())
                .retentionSeconds(Map.of("contact", keep.toSeconds())).createdAt(now).updatedAt(now).lastActivityAt(now)
                .expiresAt(now.plus(keep).getEpochSecond()).version(1).build();
    }

    private ConsentRecord consent(String conversationId, Duration keep) {
        Instant now = env.clock.instant();
        return new ConsentRecord(conversationId, ConsentRecord.sortKey(now, "contact", 1), "contact", ConsentDecision.GRANTED,
                "website-lead", 1, "en", "0".repeat(64), "text", now, now.plus(keep).getEpochSecond());
    }

    private void save(Conversation c) {
        Transaction tx = shared.storage().begin();
        shared.conversations().stageCreate(tx, c);
        tx.commit();
    }

    private void saveLead(Lead l) {
        Transaction tx = shared.storage().begin();
        shared.leads().stageCreate(tx, l);
        tx.commit();
    }

    private List<String> ids(String table, String attribute) {
        return env.rawItems(table).stream().map(i -> i.get(attribute).s()).sorted().toList();
    }
}
