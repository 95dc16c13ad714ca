package io.leadline.local;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chat API's token buckets, on a clock the test moves. */
class ChatRateLimitsTest {

    private final AtomicLong clock = new AtomicLong();
    private final ChatRateLimits limits = new ChatRateLimits(new ChatRateLimits.Limit(6, 2), new ChatRateLimits.Limit(3, 1), clock::get);
    private static final String MESSAGES = "/chat/conversations/%s/messages";

    @Test
    void aConversationGetsItsBurstThenOneMessageASecond() {
        assertEquals(3, allowed("10.0.0.1", "POST", MESSAGES.formatted("c1"), 10));
        assertFalse(limits.allow("10.0.0.1", "POST", MESSAGES.formatted("c1")));
        clock.addAndGet(1_000_000_000L);
        assertTrue(limits.allow("10.0.0.1", "POST", MESSAGES.formatted("c1")), "a second later, one more");
        assertFalse(limits.allow("10.0.0.1", "POST", MESSAGES.formatted("c1")));
    }

    @Test
    void aFloodedConversationLeavesOthersAlone() {
        allowed("10.0.0.1", "POST", MESSAGES.formatted("flooded"), 50);
        assertTrue(limits.allow("10.0.0.2", "POST", MESSAGES.formatted("other")));
        assertTrue(limits.allow("10.0.0.2", "GET", "/chat/conversations/flooded"), "reading is not a message");
    }

    @Test
    void aClientGetsItsBurstAcrossConversationsThenItsRate() {
        int n = 0;
        for (int i = 0; i < 10; i++) {
            n += allowed("10.0.0.3", "POST", MESSAGES.formatted("c" + i), 1);
        }
        assertEquals(6, n, "the client's burst, whatever the conversations");
        assertTrue(limits.allow("10.0.0.4", "POST", "/chat/conversations"), "another client is not affected");
        clock.addAndGet(500_000_000L);
        assertEquals(1, allowed("10.0.0.3", "POST", "/chat/conversations", 5), "two a second: one per half second");
    }

    @Test
    void aRefusedRequestUsesUpNothing() {
        allowed("10.0.0.5", "POST", MESSAGES.formatted("c"), 3);
        for (int i = 0; i < 20; i++) {
            assertFalse(limits.allow("10.0.0.5", "POST", MESSAGES.formatted("c")));
        }
        assertEquals(3, allowed("10.0.0.5", "GET", "/chat/conversations/c", 10), "the client still has what the refusals did not take");
    }

    private int allowed(String client, String method, String path, int tries) {
        int n = 0;
        for (int i = 0; i < tries; i++) {
            if (limits.allow(client, method, path)) {
                n++;
            }
        }
        return n;
    }
}
