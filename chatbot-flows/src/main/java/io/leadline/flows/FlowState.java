package io.leadline.flows;

import io.leadline.privacy.PersonalFields;

import java.util.Map;

/**
 * Where a conversation stands in its flow. The engine is a pure function of this state and the
 * visitor's input; the caller loads and stores it.
 *
 * @param answers  non-personal answers (choice ids)
 * @param personal personal answers, only ever under a granted purpose
 * @param consents purpose → granted (true) or declined (false)
 * @param retries  invalid answers in a row at the current node
 */
public record FlowState(
        String nodeId,
        Map<String, String> answers,
        PersonalFields personal,
        Map<String, Boolean> consents,
        int retries,
        boolean finished) {

    public FlowState {
        answers = Map.copyOf(answers);
        consents = Map.copyOf(consents);
    }

    public boolean granted(String purpose) {
        return Boolean.TRUE.equals(consents.get(purpose));
    }

    @Override
    public String toString() {
        return "FlowState[node=" + nodeId + ", answers=" + answers.keySet() + ", " + personal
                + ", consents=" + consents + ", retries=" + retries + ", finished=" + finished + "]";
    }
}
