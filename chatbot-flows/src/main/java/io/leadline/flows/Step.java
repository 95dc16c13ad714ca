package io.leadline.flows;

import java.util.List;

/** The result of one turn: the new state, what the bot says, what it waits for, and what to store. */
public record Step(FlowState state, List<String> messages, Prompt prompt, List<Effect> effects) {
}
