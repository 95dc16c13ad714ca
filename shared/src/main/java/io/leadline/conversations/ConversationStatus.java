package io.leadline.conversations;

public enum ConversationStatus {
    /** The bot is waiting for the visitor. */
    ACTIVE,
    /** The flow reached its end. */
    ENDED,
    /** Handed to a person; the bot says no more. */
    HANDOFF
}
