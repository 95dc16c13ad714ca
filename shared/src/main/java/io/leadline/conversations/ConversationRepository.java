package io.leadline.conversations;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.leadline.storage.Storage;
import io.leadline.storage.TableNames;
import io.leadline.storage.Transaction;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Conversations and their transcripts: one partition per conversation in the conversations table. */
@Singleton
public final class ConversationRepository {

    private final Storage storage;
    private final String tableName;
    private final DynamoDbTable<Conversation> conversations;
    private final DynamoDbTable<TranscriptEntry> transcript;
    private final Clock clock;

    @Inject
    public ConversationRepository(Storage storage, TableNames tables, Clock clock) {
        this.storage = storage;
        this.tableName = tables.conversations();
        this.conversations = storage.table(tableName, Conversation.SCHEMA);
        this.transcript = storage.table(tableName, TranscriptEntry.SCHEMA);
        this.clock = clock;
    }

    /** The conversation, unless it does not exist or has expired (TTL deletes lazily; we never serve expired items). */
    public Optional<Conversation> find(String id) {
        Conversation c = conversations.getItem(r -> r.key(key(id, Conversation.SORT_KEY)).consistentRead(true));
        return c != null && Storage.live(c.expiresAt(), clock.instant()) ? Optional.of(c) : Optional.empty();
    }

    /** Live conversations whose e-mail (or phone) blind index is this one: data-subject look-ups. */
    public List<Conversation> byEmailIndex(String emailIndex) {
        return byIndex("byEmailIndex", emailIndex);
    }

    public List<Conversation> byPhoneIndex(String phoneIndex) {
        return byIndex("byPhoneIndex", phoneIndex);
    }

    private List<Conversation> byIndex(String index, String value) {
        Instant now = clock.instant();
        return conversations.index(index).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(value).build()))
                        .build())
                .stream()
                .flatMap(page -> page.items().stream())
                .filter(c -> Storage.live(c.expiresAt(), now))
                .toList();
    }

    /** A new conversation; fails the transaction if the (random) id is somehow taken. */
    public void stageCreate(Transaction tx, Conversation conversation) {
        tx.put("conversation", conversations, conversation, Storage.notExists("id"));
    }

    /** Saves a changed conversation if nobody saved another change since {@code expectedVersion}. */
    public void stageSave(Transaction tx, Conversation updated, long expectedVersion) {
        tx.put("conversation", conversations, updated, Storage.versionIs(expectedVersion));
    }

    /** Appends a transcript entry; a second entry with the same sequence number fails the transaction. */
    public void stageEntry(Transaction tx, TranscriptEntry entry) {
        tx.put("transcript", transcript, entry, Storage.notExists("sk"));
    }

    public Optional<TranscriptEntry> entry(String conversationId, long seq) {
        TranscriptEntry e = transcript.getItem(r -> r.key(key(conversationId, TranscriptEntry.sortKey(seq))).consistentRead(true));
        return e != null && Storage.live(e.expiresAt(), clock.instant()) ? Optional.of(e) : Optional.empty();
    }

    /** The live transcript, oldest first. */
    public List<TranscriptEntry> transcript(String conversationId) {
        Instant now = clock.instant();
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBeginsWith(key(conversationId, TranscriptEntry.PREFIX)))
                .filterExpression(Storage.liveFilter(now))
                .consistentRead(true)
                .build();
        return transcript.query(query).items().stream().toList();
    }

    /** Deletes transcript text encrypted under a purpose (when that purpose is withdrawn); returns how many. */
    public int deleteSealedText(String conversationId, String purpose) {
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBeginsWith(key(conversationId, TranscriptEntry.PREFIX)))
                .consistentRead(true)
                .build();
        int deleted = 0;
        for (TranscriptEntry e : transcript.query(query).items()) {
            if (e.inputSealed() != null && purpose.equals(e.input())) {
                transcript.deleteItem(key(conversationId, e.sortKey()));
                deleted++;
            }
        }
        return deleted;
    }

    /** Erases the conversation and its whole transcript, including entries past expiry. */
    public int delete(String conversationId) {
        return storage.deletePartition(tableName, "id", conversationId, "sk");
    }

    private static Key key(String id, String sk) {
        return Key.builder().partitionValue(id).sortValue(sk).build();
    }
}
