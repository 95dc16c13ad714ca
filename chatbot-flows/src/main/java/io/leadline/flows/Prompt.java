package io.leadline.flows;

import java.time.Duration;
import java.util.List;

/**
 * What the bot waits for next, as the widget renders it.
 *
 * @param options   the buttons of a choice
 * @param consent   the purpose, text, retention and privacy link of a consent request
 * @param maxLength the longest accepted free text
 * @param hint      why the last answer was not accepted, to show next to the input (null if it was)
 */
public record Prompt(Type type, List<Option> options, ConsentRequest consent, Integer maxLength, String hint) {

    public enum Type {
        CHOICE, TEXT, NAME, EMAIL, PHONE, CONSENT, END;

        public String wire() {
            return name().toLowerCase();
        }
    }

    public record Option(String id, String label) {
    }

    public record ConsentRequest(String purpose, String text, Duration retention, String privacyUrl,
                                 String yesLabel, String noLabel) {
    }

    public Prompt withHint(String why) {
        return new Prompt(type, options, consent, maxLength, why);
    }

    public static Prompt end() {
        return new Prompt(Type.END, List.of(), null, null, null);
    }

    public static Prompt choice(List<Option> options) {
        return new Prompt(Type.CHOICE, List.copyOf(options), null, null, null);
    }

    public static Prompt consent(ConsentRequest request) {
        return new Prompt(Type.CONSENT, List.of(), request, null, null);
    }

    public static Prompt question(Node.Validator validator) {
        return switch (validator.kind()) {
            case NAME -> new Prompt(Type.NAME, List.of(), null, null, null);
            case EMAIL -> new Prompt(Type.EMAIL, List.of(), null, null, null);
            case PHONE -> new Prompt(Type.PHONE, List.of(), null, null, null);
            case TEXT -> new Prompt(Type.TEXT, List.of(), null, validator.maxLength(), null);
        };
    }
}
