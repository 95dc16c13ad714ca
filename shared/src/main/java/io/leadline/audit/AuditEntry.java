package io.leadline.audit;

import io.leadline.storage.ItemSchema;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * One audit entry: who did what to which record, when, under which request; never personal data
 * (details hold counts, statuses, user ids). Each entry's hash covers its content and the previous
 * entry's hash, so a changed, inserted or removed entry breaks the chain.
 */
public record AuditEntry(
        String chain,
        long seq,
        Instant at,
        String actor,
        String action,
        String targetType,
        String targetId,
        String requestId,
        Map<String, String> details,
        String prevHash,
        String hash,
        long expiresAt) {

    public static final String GENESIS = "0".repeat(64);

    static final TableSchema<AuditEntry> SCHEMA = ItemSchema.of(AuditEntry.class)
            .partitionKey("chain", AuditEntry::chain)
            .numberSortKey("seq", AuditEntry::seq)
            .instant("at", AuditEntry::at)
            .string("actor", AuditEntry::actor)
            .string("action", AuditEntry::action)
            .string("targetType", AuditEntry::targetType)
            .string("targetId", AuditEntry::targetId)
            .string("requestId", AuditEntry::requestId)
            .stringMap("details", AuditEntry::details)
            .string("prevHash", AuditEntry::prevHash)
            .string("hash", AuditEntry::hash)
            .expiry(AuditEntry::expiresAt)
            .build(v -> new AuditEntry(v.string("chain"), v.number("seq"), v.instant("at"), v.string("actor"),
                    v.string("action"), v.string("targetType"), v.string("targetId"), v.string("requestId"),
                    v.stringMap("details"), v.string("prevHash"), v.string("hash"), v.number("expiresAt")));

    /** The hash this entry must carry, from its content and its predecessor's hash. */
    public String computeHash() {
        StringBuilder canonical = new StringBuilder();
        // Unit separators cannot occur in the fields (ids, actions, ISO times), so fields cannot run together.
        for (Object part : new Object[]{chain, seq, at, actor, action, targetType, targetId, requestId, expiresAt, prevHash}) {
            canonical.append(part).append('\u001f');
        }
        new TreeMap<>(details).forEach((k, v) -> canonical.append(k).append('=').append(v).append('\u001e'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    AuditEntry withHash() {
        AuditEntry unhashed = this;
        return new AuditEntry(chain, seq, at, actor, action, targetType, targetId, requestId, details, prevHash,
                unhashed.computeHash(), expiresAt);
    }
}
