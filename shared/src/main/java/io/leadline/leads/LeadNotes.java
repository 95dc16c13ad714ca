package io.leadline.leads;

import io.leadline.crypto.EncryptionContext;
import io.leadline.crypto.PersonalDataCipher;
import io.leadline.storage.Ids;
import io.leadline.storage.Storage;
import io.leadline.storage.TableNames;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Notes and complaints on leads: appended, read, never changed or deleted one by one. */
@Singleton
public final class LeadNotes {

    /** Purpose bound into note ciphertexts: notes are the company's record of working the lead. */
    static final String PURPOSE = "lead-notes";

    /** A decrypted note, for the console. */
    public record Note(String id, String kind, String authorId, Instant createdAt, String text) {
        @Override
        public String toString() {
            return "Note[" + id + ", " + kind + "]";
        }
    }

    private final DynamoDbTable<LeadNote> table;
    private final PersonalDataCipher cipher;
    private final Ids ids;
    private final Clock clock;
    private final Storage storage;
    private final String tableName;

    @Inject
    public LeadNotes(Storage storage, TableNames tables, PersonalDataCipher cipher, Ids ids, Clock clock) {
        this.table = storage.table(tables.leads(), LeadNote.SCHEMA);
        this.storage = storage;
        this.tableName = tables.leads();
        this.cipher = cipher;
        this.ids = ids;
        this.clock = clock;
    }

    /** Appends a note; it lives as long as its lead (and moves with it, see {@link #keepUntil}). */
    public Note append(Lead lead, String kind, String authorId, String text) {
        Instant now = clock.instant();
        String id = ids.newId();
        LeadNote note = new LeadNote(lead.id(), LeadNote.sortKey(now, id), id, kind, authorId,
                cipher.seal(context(lead, id), text.getBytes(StandardCharsets.UTF_8)), now, lead.expiresAt());
        table.putItem(PutItemEnhancedRequest.builder(LeadNote.class).item(note)
                .conditionExpression(Storage.notExists("sk")).build());
        return new Note(id, kind, authorId, now, text);
    }

    /** The lead's notes, oldest first, decrypted. */
    public List<Note> read(Lead lead) {
        return table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(Key.builder().partitionValue(lead.id())
                                .sortValue(LeadNote.PREFIX).build()))
                        .filterExpression(Storage.liveFilter(clock.instant()))
                        .consistentRead(true)
                        .build())
                .items().stream()
                .map(n -> new Note(n.noteId(), n.kind(), n.authorId(), n.createdAt(),
                        new String(cipher.open(context(lead, n.noteId()), n.text()), StandardCharsets.UTF_8)))
                .toList();
    }

    /** A lead's notes expire with it: when its deadline moves, theirs move too. */
    public void keepUntil(Lead lead) {
        for (LeadNote n : table.query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBeginsWith(Key.builder().partitionValue(lead.id())
                        .sortValue(LeadNote.PREFIX).build()))
                .consistentRead(true).build()).items()) {
            if (n.expiresAt() < lead.expiresAt()) {
                storage.client().updateItem(b -> b.tableName(tableName)
                        .key(Map.of("id", AttributeValue.fromS(n.leadId()), "sk", AttributeValue.fromS(n.sk())))
                        .conditionExpression("attribute_exists(sk)")
                        .updateExpression("SET expiresAt = :e")
                        .expressionAttributeValues(Map.of(":e", AttributeValue.fromN(Long.toString(lead.expiresAt())))));
            }
        }
    }

    private static EncryptionContext context(Lead lead, String noteId) {
        return new EncryptionContext(LeadCapture.TABLE, lead.id() + "#note#" + noteId, PURPOSE, lead.subjectId());
    }
}
