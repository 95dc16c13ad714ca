package io.leadline.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The chat API's honeypot against form bots.
 *
 * <p>The widget is a chat, not a form, but bots do not care: some post straight to the chat API (with
 * requests copied from the widget's traffic), others drive a browser that fills every field it finds.
 * So every answer form of the widget holds a text field named {@value #FIELD} that people never meet:
 * moved off-screen (not {@code display:none}, which form bots know to skip), {@code inert} (never
 * focused, out of the accessibility tree, so keyboard and screen-reader users do not reach it, and
 * browsers' autofill and password managers, the usual false positives of honeypots, leave it alone),
 * {@code aria-hidden}, {@code tabindex=-1}, {@code autocomplete=off}. The widget sends its value, empty,
 * with every message, so a bot copying the requests finds one more field to fill.
 *
 * <p>Filled, the server answers exactly as usual: a bot that is refused learns to leave the field empty.
 * The conversation is marked automated instead, and from then on nothing personal is kept: no lead, no
 * personal data or blind index, no subject key, no consent proof, no transcript text; it keeps the short
 * unconsented retention; one funnel event {@code bot_caught} and a {@code ChatBotsCaught} metric count
 * it, without personal data.
 *
 * <p>No minimum "human time" between the start and the first personal answer: legitimate fast clients
 * (autofill, keyboard users, our own load and browser tests) answer in well under a second, so a time
 * trap would drop real leads, while a patient bot waits. The rate limits per client and per conversation
 * already bound what a fast bot costs.
 */
final class Honeypot {

    /** The request field: named like the form field a bot fills in. */
    static final String FIELD = "website";
    /** The mark of a conversation caught by it ({@code Conversation.botSignal}). */
    static final String SIGNAL = "honeypot";

    private Honeypot() {
    }

    /** Filled: present with any value but null and the empty string the widget sends. */
    static boolean filled(ObjectNode body) {
        JsonNode value = body.get(FIELD);
        return value != null && !value.isNull() && !(value.isTextual() && value.asText().isEmpty());
    }
}
