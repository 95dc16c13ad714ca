package io.leadline.flows;

/**
 * What a turn asks the storage around the engine to do. The engine itself does no I/O.
 */
public sealed interface Effect {

    /** The visitor reached a node (for drop-off analytics). */
    record NodeReached(String nodeId) implements Effect {
    }

    /** A consent answer, with the exact text shown and its hash, for the consent ledger. */
    record ConsentAnswered(String nodeId, String purpose, boolean granted, String shownText, String textSha256)
            implements Effect {
    }

    /**
     * A purpose granted earlier was withdrawn: what it covered is gone from the state, and must go
     * from storage at once (the lead's data for it, transcript text kept under it).
     */
    record ConsentWithdrawn(String purpose) implements Effect {
    }

    /** A personal answer arrived without a granted purpose covering it, and was dropped. */
    record AnswerRefused(String nodeId, String field) implements Effect {
    }

    /** The flow finished with personal data under a granted purpose: capture (or update) the lead. */
    record LeadReady(boolean handoff) implements Effect {
    }

    /** The visitor asked to be forgotten: erase the conversation, its lead and its keys. */
    record Forgotten() implements Effect {
    }

    /** The flow ended. {@code outcome} is the end node id, or "gave-up" after too many retries. */
    record Finished(String outcome, boolean handoff) implements Effect {
    }
}
