package io.leadline.flows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A step of a flow. Input nodes wait for the visitor; the others run straight through. */
public sealed interface Node {

    String id();

    /** Node ids this node can lead to (for the linter's graph and for validation). */
    List<String> targets();

    /** Shows a message and moves on. */
    record Message(String id, String text, String next) implements Node {
        public List<String> targets() {
            return List.of(next);
        }
    }

    /** Buttons; typed text matching an option's label also selects it. Stores the option id if {@code store} is set. */
    record Choice(String id, String text, Optional<String> store, List<Option> options) implements Node {
        public List<String> targets() {
            return options.stream().map(Option::next).distinct().toList();
        }

        public Optional<Option> option(String optionId) {
            return options.stream().filter(o -> o.id().equals(optionId)).findFirst();
        }
    }

    record Option(String id, String label, String next) {
    }

    /** Asks for a value, checks it with a validator and stores it. */
    record Question(String id, String text, Validator validator, String store, String next) implements Node {
        public List<String> targets() {
            return List.of(next);
        }
    }

    /**
     * Asks for consent to one purpose. Shows the text, the retention and the privacy link; records
     * the answer. Silence or an unclear answer is not consent: it asks again.
     */
    record Consent(String id, String purpose, String text, Duration retention, String privacyUrl,
                   String yes, String no) implements Node {
        public List<String> targets() {
            return List.of(yes, no);
        }
    }

    /** Goes on according to a stored, non-personal answer. */
    record Branch(String id, String field, List<Case> cases, String otherwise) implements Node {
        public List<String> targets() {
            var t = new java.util.ArrayList<String>();
            cases.forEach(c -> t.add(c.next()));
            t.add(otherwise);
            return t.stream().distinct().toList();
        }
    }

    record Case(String equals, String next) {
    }

    /**
     * Hands the conversation to a person: marks the lead for a rep and tells the visitor when
     * someone will answer ({@code {when}} in the text, from the flow's business hours). Ends the bot's part.
     */
    record Handoff(String id, String text) implements Node {
        public List<String> targets() {
            return List.of();
        }
    }

    /** The end of the flow. */
    record End(String id, String text) implements Node {
        public List<String> targets() {
            return List.of();
        }
    }

    /** How a question's answer is checked. {@code maxLength} applies to free text. */
    record Validator(Kind kind, int maxLength) {
        public enum Kind { NAME, EMAIL, PHONE, TEXT }
    }
}
