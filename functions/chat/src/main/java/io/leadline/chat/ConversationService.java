package io.leadline.chat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadline.analytics.FunnelEvent;
import io.leadline.analytics.FunnelEventType;
import io.leadline.analytics.FunnelEvents;
import io.leadline.consent.ConsentDecision;
import io.leadline.consent.ConsentLedger;
import io.leadline.consent.ConsentRecord;
import io.leadline.conversations.Conversation;
import io.leadline.conversations.ConversationRepository;
import io.leadline.conversations.ConversationStatus;
import io.leadline.conversations.TranscriptEntry;
import io.leadline.conversations.Transcripts;
import io.leadline.crypto.BlindIndex;
import io.leadline.crypto.EncryptionContext;
import io.leadline.crypto.PersonalDataCipher;
import io.leadline.crypto.SubjectKeys;
import io.leadline.flows.Effect;
import io.leadline.flows.Field;
import io.leadline.flows.Flow;
import io.leadline.flows.FlowCatalog;
import io.leadline.flows.FlowEngine;
import io.leadline.flows.FlowInputException;
import io.leadline.flows.FlowState;
import io.leadline.flows.Step;
import io.leadline.flows.VisitorInput;
import io.leadline.http.ApiException;
import io.leadline.leads.Lead;
import io.leadline.leads.LeadActivity;
import io.leadline.leads.LeadCapture;
import io.leadline.monitoring.Metrics;
import io.leadline.privacy.Erasure;
import io.leadline.privacy.PersonalFields;
import io.leadline.privacy.Redactor;
import io.leadline.retention.RetentionPolicy;
import io.leadline.storage.ConcurrentUpdateException;
import io.leadline.storage.Ids;
import io.leadline.storage.Storage;
import io.leadline.storage.Transaction;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkBytes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The chat use cases around the pure flow engine: load the conversation, run one turn, and store
 * everything the turn produced (conversation, transcript entry, consent proof, lead) in one
 * transaction, so a turn happens exactly once even when the visitor's browser retries it.
 */
@Singleton
public final class ConversationService {

    /** How long a subject key outlives the data it protects before it is extended again. */
    static final Duration KEY_SLACK = Duration.ofDays(7);

    public record Started(Conversation conversation, String token, ObjectNode reply) {
    }

    private final FlowCatalog flows;
    private final FlowEngine engine;
    private final ConversationRepository conversations;
    private final ConsentLedger ledger;
    private final LeadCapture leadCapture;
    private final LeadActivity leadActivity;
    private final BlindIndex blindIndex;
    private final Erasure erasure;
    private final PersonalDataCipher cipher;
    private final Transcripts transcripts;
    private final SubjectKeys subjectKeys;
    private final Redactor redactor;
    private final Ids ids;
    private final ChatTokens tokens;
    private final Storage storage;
    private final RetentionPolicy retention;
    private final ReplyRenderer renderer;
    private final FunnelEvents funnel;
    private final Metrics metrics;
    private final Clock clock;

    @Inject
    public ConversationService(FlowCatalog flows, FlowEngine engine, ConversationRepository conversations,
                               ConsentLedger ledger, LeadCapture leadCapture, LeadActivity leadActivity,
                               BlindIndex blindIndex, Erasure erasure,
                               PersonalDataCipher cipher, Transcripts transcripts, SubjectKeys subjectKeys, Redactor redactor, Ids ids,
                               ChatTokens tokens, Storage storage, RetentionPolicy retention,
                               ReplyRenderer renderer, FunnelEvents funnel, Metrics metrics, Clock clock) {
        this.flows = flows;
        this.engine = engine;
        this.conversations = conversations;
        this.ledger = ledger;
        this.leadCapture = leadCapture;
        this.leadActivity = leadActivity;
        this.blindIndex = blindIndex;
        this.erasure = erasure;
        this.cipher = cipher;
        this.transcripts = transcripts;
        this.subjectKeys = subjectKeys;
        this.redactor = redactor;
        this.ids = ids;
        this.tokens = tokens;
        this.storage = storage;
        this.retention = retention;
        this.renderer = renderer;
        this.funnel = funnel;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Started start(ChatRequests.Start request) {
        Flow flow = flows.find(request.flowId(), request.locale())
                .orElseThrow(() -> ApiException.notFound("no such flow in that language"));
        Instant now = clock.instant();
        Step step = engine.start(flow, now);
        String token = ids.newSecret();
        long expiresAt = retention.unconsentedExpiry(now);
        Conversation conversation = new Conversation(ids.newId(), tokens.hash(token), flow.id(), flow.version(),
                flow.locale(), request.source().orElse(null), step.state().nodeId(), status(step),
                step.state().answers(), Map.of(), null, 0, null, null, Map.of(), 0, 0, Map.of(), null, null, now, now,
                expiresAt, 1);
        ObjectNode reply = renderer.reply(step.messages(), step.prompt());
        TranscriptEntry greeting = new TranscriptEntry(conversation.id(), 0, null, "start", null, null, null,
                renderer.write(reply), now, expiresAt);
        Transaction tx = storage.begin();
        conversations.stageCreate(tx, conversation);
        conversations.stageEntry(tx, greeting);
        FunnelTrail trail = new FunnelTrail(conversation, 0, null);
        trail.add(FunnelEventType.WIDGET_OPENED);
        step.effects().forEach(trail::add);
        trail.stage(tx);
        tx.commit();
        return new Started(conversation, token, reply);
    }

    /** One visitor turn; returns the reply body (stored, so a retry gets the very same bytes). */
    public String post(String conversationId, String token, ChatRequests.Message request, String requestId) {
        Conversation c = authorised(conversationId, token);
        Optional<String> replay = request.clientMessageId().flatMap(id -> storedReply(c, id));
        if (replay.isPresent()) {
            return replay.get();
        }
        try {
            return turn(c, request, requestId);
        } catch (ConcurrentUpdateException e) {
            // Someone else (most likely the same browser retrying) changed the conversation first.
            Optional<String> won = request.clientMessageId().flatMap(id -> conversations.find(conversationId)
                    .flatMap(latest -> storedReply(latest, id)));
            return won.orElseThrow(() -> ApiException.conflict("conflict",
                    "another message to this conversation was processed at the same time; send yours again"));
        }
    }

    /** The conversation so far and what the bot waits for, to resume after a page reload. */
    public ObjectNode resume(String conversationId, String token) {
        Conversation c = authorised(conversationId, token);
        Flow flow = flow(c);
        ObjectNode body = renderer.reply(List.of(), engine.promptFor(flow, state(c, flow)));
        body.remove("messages");
        body.put("conversationId", c.id());
        body.put("flowId", c.flowId());
        body.put("locale", c.locale());
        body.put("status", c.status().name().toLowerCase());
        ArrayNode history = body.putArray("history");
        transcripts.read(c).forEach(line -> history.addObject().put("from", line.from()).put("text", line.text()));
        return body;
    }

    /**
     * The visitor's consent receipt: every answer and withdrawal recorded for this conversation, with
     * the exact text they were shown and its hash.
     */
    public ObjectNode receipt(String conversationId, String token) {
        Conversation c = authorised(conversationId, token);
        Flow flow = flow(c);
        ObjectNode body = renderer.object();
        body.put("conversationId", c.id());
        body.put("controller", flow.controller());
        body.put("privacyUrl", flow.privacyUrl());
        ArrayNode records = body.putArray("records");
        for (ConsentRecord r : ledger.forConversation(c.id())) {
            ObjectNode o = records.addObject();
            o.put("purpose", r.purpose());
            o.put("decision", r.decision().wire());
            o.put("recordedAt", r.recordedAt().toString());
            o.put("flowId", r.flowId());
            o.put("flowVersion", r.flowVersion());
            o.put("locale", r.locale());
            if (r.textSha256() != null) {
                o.put("textSha256", r.textSha256());
                o.put("shownText", r.shownText());
            }
        }
        return body;
    }

    /** The visitor's own "forget me": the conversation, its lead and its keys go. */
    public void erase(String conversationId, String token, String requestId) {
        erasure.eraseConversation(authorised(conversationId, token), requestId);
    }

    private String turn(Conversation c, ChatRequests.Message request, String requestId) {
        if (c.turns() >= ChatLimits.MAX_TURNS) {
            throw ApiException.tooManyRequests("this conversation has reached its length limit; start a new one");
        }
        Flow flow = flow(c);
        Instant now = clock.instant();
        FlowState before = state(c, flow);
        Step step;
        try {
            step = engine.answer(flow, before, request.input(), now);
        } catch (FlowInputException e) {
            int status = "conversation_ended".equals(e.code()) ? 409 : 400;
            throw new ApiException(status, e.code(), e.getMessage());
        }
        ObjectNode reply = renderer.reply(step.messages(), step.prompt());
        String replyJson = renderer.write(reply);
        if (step.effects().stream().anyMatch(Effect.Forgotten.class::isInstance)) {
            erasure.eraseConversation(c, requestId);
            return replyJson;
        }
        if (c.botSignal() != null || request.automated()) {
            return automatedTurn(c, flow, step, request, replyJson, now);
        }

        String subjectId = c.subjectId();
        long keyExpiresAt = c.keyExpiresAt();
        FlowState after = step.state();
        boolean consented = after.consents().containsValue(Boolean.TRUE);
        long expiresAt = consented ? retention.transcriptExpiry(now) : retention.unconsentedExpiry(now);
        if (consented && subjectId == null) {
            subjectId = ids.newId();
            keyExpiresAt = now.plus(retention.transcript()).plus(KEY_SLACK).getEpochSecond();
            subjectKeys.create(subjectId, keyExpiresAt);
        } else if (subjectId != null && expiresAt > keyExpiresAt - KEY_SLACK.toSeconds() / 2) {
            keyExpiresAt = expiresAt + KEY_SLACK.toSeconds();
            subjectKeys.extend(subjectId, keyExpiresAt);
        }

        Transaction tx = storage.begin();
        long seq = c.turns() + 1L;
        FunnelTrail trail = new FunnelTrail(c, seq, before.nodeId());
        if (seq == 1) {
            trail.add(FunnelEventType.CHAT_STARTED);
        }
        step.effects().forEach(trail::add);
        String leadId = c.leadId();
        Map<String, SdkBytes> personal = reseal(c, flow, before.personal(), after.personal(), subjectId);
        List<String> withdrawn = new ArrayList<>();
        Lead attachedTo = null;
        for (Effect effect : step.effects()) {
            switch (effect) {
                case Effect.ConsentAnswered a -> ledger.stageAppend(tx, consentRecord(c, flow, a, seq, now));
                case Effect.ConsentWithdrawn w -> {
                    ledger.stageAppend(tx, withdrawalRecord(c, flow, w.purpose(), seq, now));
                    withdrawn.add(w.purpose());
                }
                case Effect.LeadReady ready -> {
                    LeadCapture.Capture capture = leadCapture.stage(tx, new LeadCapture.Request(c.id(), subjectId,
                            byPurpose(flow, after.personal()), after.answers(), retentionByPurpose(flow, after.personal()),
                            flow.id(), flow.version(), flow.locale(), c.source(), ready.handoff()));
                    Lead lead = capture.lead();
                    leadId = lead.id();
                    if (capture.attached()) {
                        attachedTo = lead;
                    } else {
                        keyExpiresAt = Math.max(keyExpiresAt, lead.expiresAt());
                        trail.add(FunnelEventType.LEAD_CAPTURED);
                    }
                    // The lead holds the personal data now; the conversation keeps no copy of it.
                    personal = Map.of();
                }
                default -> {
                }
            }
        }
        Conversation updated = advanced(c, flow, step, request, seq, now, expiresAt)
                .personal(personal)
                .subjectId(subjectId)
                .keyExpiresAt(keyExpiresAt)
                .emailIndex(after.personal().get("email").map(blindIndex::email).orElse(null))
                .phoneIndex(after.personal().get("phone").map(blindIndex::phone).orElse(null))
                .leadId(leadId)
                .build();
        conversations.stageSave(tx, updated, c.version());
        conversations.stageEntry(tx, transcriptEntry(updated, seq, request, replyJson, now));
        trail.stage(tx);
        tx.commit();
        if (attachedTo != null) {
            // A returning visitor's activity keeps the lead, its key and its consent proof alive longer.
            leadActivity.extendDependents(attachedTo);
        }
        // Withdrawal erases at once what the purpose covered, now that the turn is recorded.
        withdrawn.forEach(purpose -> erasure.erasePurpose(updated, purpose, requestId));
        return replyJson;
    }

    /**
     * A turn of a conversation judged automated ({@link Honeypot}): the reply is the usual one, so the bot
     * learns nothing, but only the flow's position is kept. No lead, personal data, blind index, subject
     * key, consent proof or transcript text; the short unconsented retention; and, on the turn that
     * caught it, one funnel event and a metric, neither naming anyone. Anything kept before the catch
     * (a bot may fill the field late) goes then: the conversation's ciphertexts, and after the commit
     * its sealed transcript text and subject key; consent it had granted is closed in the ledger.
     */
    private String automatedTurn(Conversation c, Flow flow, Step step, ChatRequests.Message request, String replyJson,
                                 Instant now) {
        boolean caughtNow = c.botSignal() == null;
        long seq = c.turns() + 1L;
        Conversation updated = advanced(c, flow, step, request, seq, now, retention.unconsentedExpiry(now))
                .personal(Map.of())
                .subjectId(null)
                .keyExpiresAt(0)
                .emailIndex(null)
                .phoneIndex(null)
                .botSignal(caughtNow ? Honeypot.SIGNAL : c.botSignal())
                .build();
        Transaction tx = storage.begin();
        conversations.stageSave(tx, updated, c.version());
        // Buttons pressed are kept as for anyone (they are not personal); typed text is not kept at all.
        conversations.stageEntry(tx, request.input() instanceof VisitorInput.Text
                ? new TranscriptEntry(c.id(), seq, request.clientMessageId().orElse(null), "text", null, null, null,
                        replyJson, now, updated.expiresAt())
                : transcriptEntry(updated, seq, request, replyJson, now));
        List<String> granted = caughtNow ? c.consents().entrySet().stream().filter(e -> "granted".equals(e.getValue()))
                .map(Map.Entry::getKey).toList() : List.of();
        if (caughtNow) {
            // Consent recorded before the catch is relied on no more: closed in the ledger as a withdrawal is.
            granted.forEach(purpose -> ledger.stageAppend(tx, withdrawalRecord(c, flow, purpose, seq, now)));
            FunnelTrail trail = new FunnelTrail(c, seq, c.nodeId());
            trail.add(FunnelEventType.BOT_CAUGHT);
            trail.stage(tx);
        }
        tx.commit();
        if (caughtNow) {
            granted.forEach(purpose -> conversations.deleteSealedText(c.id(), purpose));
            if (c.subjectId() != null) {
                subjectKeys.destroy(c.subjectId());
            }
            metrics.count("ChatBotsCaught", Map.of("Service", "chat", "Signal", updated.botSignal()));
        }
        return replyJson;
    }

    /** The conversation after a turn, as far as every turn changes it: the flow's position and the retry record. */
    private static Conversation.Builder advanced(Conversation c, Flow flow, Step step, ChatRequests.Message request,
                                                 long seq, Instant now, long expiresAt) {
        Map<String, Long> recent = new HashMap<>(c.recentTurns());
        request.clientMessageId().ifPresent(id -> recent.put(id, seq));
        while (recent.size() > ChatLimits.RECENT_TURNS) {
            recent.values().stream().min(Comparator.naturalOrder())
                    .ifPresent(oldest -> recent.values().remove(oldest));
        }
        FlowState after = step.state();
        return c.toBuilder()
                .flowVersion(flow.version())
                .nodeId(after.nodeId())
                .status(status(step))
                .answers(after.answers())
                .consents(consentStrings(after))
                .retries(after.retries())
                .turns((int) seq)
                .recentTurns(recent)
                .updatedAt(now)
                .expiresAt(expiresAt)
                .version(c.version() + 1);
    }

    /**
     * The funnel events of one turn, in order; each id names the conversation, the turn and the
     * event's place in it, so a turn's events are the same however often it is stored.
     */
    private final class FunnelTrail {
        private final Conversation conversation;
        private final long seq;
        private final List<FunnelEvent> events = new ArrayList<>();
        private String node;

        FunnelTrail(Conversation conversation, long seq, String node) {
            this.conversation = conversation;
            this.seq = seq;
            this.node = node;
        }

        void add(FunnelEventType type) {
            events.add(funnel.event(conversation.id() + ":" + seq + ":" + events.size(), type, conversation.createdAt(),
                    conversation.flowId(), conversation.locale(), conversation.source()));
        }

        void add(Effect effect) {
            switch (effect) {
                case Effect.NodeReached reached -> {
                    add(FunnelEventType.NODE_REACHED);
                    int last = events.size() - 1;
                    events.set(last, events.get(last).withNode(reached.nodeId(), node));
                    node = reached.nodeId();
                }
                case Effect.ConsentAnswered answered -> add(answered.granted()
                        ? FunnelEventType.CONSENT_GRANTED : FunnelEventType.CONSENT_DECLINED);
                default -> {
                }
            }
        }

        void stage(Transaction tx) {
            events.forEach(e -> funnel.stage(tx, e));
        }
    }

    private Conversation authorised(String conversationId, String token) {
        if (!ChatLimits.CONVERSATION_ID.matcher(conversationId).matches()) {
            throw ApiException.notFound("no such conversation");
        }
        Conversation c = conversations.find(conversationId)
                .orElseThrow(() -> ApiException.notFound("no such conversation (it may have expired)"));
        if (!tokens.matches(token, c.tokenHash())) {
            // Same answer as for a missing conversation: a token must not tell whether an id exists.
            throw ApiException.notFound("no such conversation (it may have expired)");
        }
        return c;
    }

    private Optional<String> storedReply(Conversation c, String clientMessageId) {
        Long seq = c.recentTurns().get(clientMessageId);
        return seq == null ? Optional.empty() : conversations.entry(c.id(), seq).map(TranscriptEntry::reply);
    }

    private Flow flow(Conversation c) {
        return flows.find(c.flowId(), c.locale())
                .orElseThrow(() -> ApiException.conflict("flow_unavailable", "this conversation's flow is no longer offered"));
    }

    private FlowState state(Conversation c, Flow flow) {
        PersonalFields personal = PersonalFields.empty();
        for (Map.Entry<String, SdkBytes> e : c.personal().entrySet()) {
            PersonalFields part = PersonalFields.fromJson(cipher.open(context(c.id(), e.getKey(), c.subjectId()), e.getValue()));
            for (Map.Entry<String, String> v : part.reveal().entrySet()) {
                personal = personal.with(v.getKey(), v.getValue());
            }
        }
        Map<String, Boolean> consents = new HashMap<>();
        c.consents().forEach((purpose, decision) -> consents.put(purpose, "granted".equals(decision)));
        boolean finished = c.status() != ConversationStatus.ACTIVE;
        return new FlowState(c.nodeId(), c.answers(), personal, consents, c.retries(), finished);
    }

    /** One ciphertext per purpose; unchanged data keeps its ciphertext (no needless encryption). */
    private Map<String, SdkBytes> reseal(Conversation c, Flow flow, PersonalFields before, PersonalFields after,
                                         String subjectId) {
        if (after.equals(before)) {
            return c.personal();
        }
        Map<String, SdkBytes> sealed = new TreeMap<>();
        byPurpose(flow, after).forEach((purpose, fields) ->
                sealed.put(purpose, cipher.seal(context(c.id(), purpose, subjectId), fields.toJson())));
        return sealed;
    }

    private static Map<String, PersonalFields> byPurpose(Flow flow, PersonalFields personal) {
        Map<String, PersonalFields> out = new TreeMap<>();
        for (Map.Entry<String, String> e : personal.reveal().entrySet()) {
            String purpose = flow.field(e.getKey()).map(Field::purpose)
                    .orElseThrow(() -> new IllegalStateException("personal field without purpose"));
            out.merge(purpose, PersonalFields.empty().with(e.getKey(), e.getValue()),
                    (a, b) -> a.with(e.getKey(), e.getValue()));
        }
        return out;
    }

    private Map<String, Duration> retentionByPurpose(Flow flow, PersonalFields personal) {
        Map<String, Duration> out = new LinkedHashMap<>();
        byPurpose(flow, personal).keySet().forEach(p -> out.put(p, flow.retentionFor(p, retention.lead())));
        return out;
    }

    private ConsentRecord consentRecord(Conversation c, Flow flow, Effect.ConsentAnswered a, long seq, Instant now) {
        Duration keep = a.granted()
                ? flow.retentionFor(a.purpose(), retention.lead()).plus(retention.consentProof())
                : retention.consentProof();
        return new ConsentRecord(c.id(), ConsentRecord.sortKey(now, a.purpose(), seq), a.purpose(),
                a.granted() ? ConsentDecision.GRANTED : ConsentDecision.DECLINED, flow.id(), flow.version(),
                flow.locale(), a.textSha256(), a.shownText(), now, now.plus(keep).getEpochSecond());
    }

    private ConsentRecord withdrawalRecord(Conversation c, Flow flow, String purpose, long seq, Instant now) {
        // "#w" keeps the key apart from a decline recorded in the same turn.
        return new ConsentRecord(c.id(), ConsentRecord.sortKey(now, purpose, seq) + "#w", purpose,
                ConsentDecision.WITHDRAWN, flow.id(), flow.version(), flow.locale(), null, null, now,
                now.plus(retention.consentProof()).getEpochSecond());
    }

    /**
     * The visitor's input as kept in the transcript: typed text encrypted once a purpose is granted,
     * otherwise only with e-mails, phone and card numbers redacted (and for the short retention).
     */
    private TranscriptEntry transcriptEntry(Conversation updated, long seq, ChatRequests.Message request,
                                            String replyJson, Instant now) {
        VisitorInput input = request.input();
        String cmid = request.clientMessageId().orElse(null);
        return switch (input) {
            case VisitorInput.Choice choice -> new TranscriptEntry(updated.id(), seq, cmid, "choice", choice.optionId(),
                    null, null, replyJson, now, updated.expiresAt());
            case VisitorInput.Consent consent -> new TranscriptEntry(updated.id(), seq, cmid, "consent",
                    consent.purpose() + ":" + (consent.granted() ? "granted" : "declined"), null, null, replyJson, now,
                    updated.expiresAt());
            case VisitorInput.Text text -> {
                Optional<String> purpose = transcriptPurpose(updated);
                if (purpose.isPresent()) {
                    SdkBytes sealed = transcripts.seal(updated, seq, purpose.get(), text.text());
                    yield new TranscriptEntry(updated.id(), seq, cmid, "text", purpose.get(), null, sealed, replyJson,
                            now, updated.expiresAt());
                }
                yield new TranscriptEntry(updated.id(), seq, cmid, "text", null, redactor.redact(text.text()), null,
                        replyJson, now, updated.expiresAt());
            }
        };
    }

    /** Transcript text is kept under the first granted purpose (sorted, so it is stable). */
    private static Optional<String> transcriptPurpose(Conversation c) {
        return c.consents().entrySet().stream().filter(e -> "granted".equals(e.getValue()))
                .map(Map.Entry::getKey).sorted().findFirst();
    }

    private static EncryptionContext context(String recordId, String purpose, String subjectId) {
        return new EncryptionContext(Transcripts.TABLE, recordId, purpose, subjectId);
    }

    private static Map<String, String> consentStrings(FlowState state) {
        Map<String, String> out = new TreeMap<>();
        state.consents().forEach((purpose, granted) -> out.put(purpose, granted ? "granted" : "declined"));
        return out;
    }

    private static ConversationStatus status(Step step) {
        if (!step.state().finished()) {
            return ConversationStatus.ACTIVE;
        }
        boolean handoff = step.effects().stream().anyMatch(e -> e instanceof Effect.Finished f && f.handoff());
        return handoff ? ConversationStatus.HANDOFF : ConversationStatus.ENDED;
    }
}
