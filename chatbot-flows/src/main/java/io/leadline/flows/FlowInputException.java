package io.leadline.flows;

/**
 * Input that does not fit the conversation at all (a button where text is expected, a consent for
 * another purpose, anything after the end). The API answers it with a 4xx; the state is unchanged.
 */
public final class FlowInputException extends RuntimeException {

    private final String code;

    public FlowInputException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
