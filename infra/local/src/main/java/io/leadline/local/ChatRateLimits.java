package io.leadline.local;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public chat API's limits at the local gateway: per client address over every chat request, and
 * per conversation over its messages (a person types; a script floods). Token buckets: a burst, then a
 * steady rate. In AWS the HTTP API's route throttling stands in for them (template.yaml).
 */
final class ChatRateLimits {

    /** One client: 20 chat requests a second, bursts of 60 (a page with a few widgets reloading). */
    static final Limit PER_CLIENT = new Limit(60, 20);
    /** One conversation: a message a second, bursts of 10 (the widget retries a failed send twice). */
    static final Limit PER_CONVERSATION = new Limit(10, 1);
    private static final Pattern MESSAGES = Pattern.compile("^/chat/conversations/([^/]+)/messages$");
    /** Idle buckets are full again and can go: the maps stay bounded by recent clients. */
    private static final int PRUNE_ABOVE = 10_000;

    record Limit(int burst, int perSecond) {
    }

    private final Limit client;
    private final Limit conversation;
    private final LongSupplier nanos;
    private final Map<String, Bucket> clients = new ConcurrentHashMap<>();
    private final Map<String, Bucket> conversations = new ConcurrentHashMap<>();

    ChatRateLimits(Limit client, Limit conversation, LongSupplier nanos) {
        this.client = client;
        this.conversation = conversation;
        this.nanos = nanos;
    }

    static ChatRateLimits defaults() {
        return new ChatRateLimits(PER_CLIENT, PER_CONVERSATION, System::nanoTime);
    }

    static ChatRateLimits unlimited() {
        return new ChatRateLimits(new Limit(Integer.MAX_VALUE, Integer.MAX_VALUE),
                new Limit(Integer.MAX_VALUE, Integer.MAX_VALUE), System::nanoTime);
    }

    /** Whether this chat request may go through now (a refused one uses up nothing). */
    boolean allow(String clientAddress, String method, String path) {
        long now = nanos.getAsLong();
        Matcher m = MESSAGES.matcher(path);
        Bucket perConversation = method.equals("POST") && m.matches()
                ? take(conversations, m.group(1), conversation, now) : null;
        Bucket perClient = take(clients, clientAddress, client, now);
        synchronized (this) {
            if (!perClient.has(now) || (perConversation != null && !perConversation.has(now))) {
                return false;
            }
            perClient.spend();
            if (perConversation != null) {
                perConversation.spend();
            }
            return true;
        }
    }

    private Bucket take(Map<String, Bucket> buckets, String key, Limit limit, long now) {
        if (buckets.size() > PRUNE_ABOVE) {
            for (Iterator<Bucket> i = buckets.values().iterator(); i.hasNext(); ) {
                if (i.next().idleFull(now)) {
                    i.remove();
                }
            }
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(limit, now));
    }

    /** Tokens refill continuously at the limit's rate up to its burst. */
    private static final class Bucket {
        private final Limit limit;
        private double tokens;
        private long at;

        Bucket(Limit limit, long now) {
            this.limit = limit;
            this.tokens = limit.burst();
            this.at = now;
        }

        synchronized boolean has(long now) {
            tokens = Math.min(limit.burst(), tokens + (now - at) / 1e9 * limit.perSecond());
            at = now;
            return tokens >= 1;
        }

        synchronized void spend() {
            tokens -= 1;
        }

        synchronized boolean idleFull(long now) {
            return tokens + (now - at) / 1e9 * limit.perSecond() >= limit.burst();
        }
    }
}
