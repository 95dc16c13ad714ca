package io.leadline.flows;

/** What the visitor sent in one turn. */
public sealed interface VisitorInput {

    String kind();

    /** Typed text. */
    record Text(String text) implements VisitorInput {
        public String kind() {
            return "text";
        }

        @Override
        public String toString() {
            return "Text[hidden]";
        }
    }

    /** A button: an option id. */
    record Choice(String optionId) implements VisitorInput {
        public String kind() {
            return "choice";
        }
    }

    /** An explicit answer to a consent request. */
    record Consent(String purpose, boolean granted) implements VisitorInput {
        public String kind() {
            return "consent";
        }
    }
}
