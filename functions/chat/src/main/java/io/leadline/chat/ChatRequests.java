package io.leadline.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadline.flows.VisitorInput;
import io.leadline.http.ApiException;
import io.leadline.http.HttpRequest;
import io.leadline.http.JsonBodies;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses and checks the chat API's request bodies. Anything off is a 4xx naming the field. */
@Singleton
public final class ChatRequests {

    public record Start(String flowId, String locale, Optional<String> source) {
    }

    /** @param automated the honeypot was filled (see {@link Honeypot}) */
    public record Message(VisitorInput input, Optional<String> clientMessageId, boolean automated) {
    }

    private static final Set<String> START_FIELDS = Set.of("flowId", "locale", "source");
    private static final Set<String> MESSAGE_FIELDS = Set.of("text", "choice", "consent", "clientMessageId", Honeypot.FIELD);

    private final JsonBodies bodies;

    @Inject
    public ChatRequests(JsonBodies bodies) {
        this.bodies = bodies;
    }

    public Start start(HttpRequest request) {
        ObjectNode body = bodies.object(request, ChatLimits.MAX_BODY_BYTES);
        onlyKnown(body, START_FIELDS);
        String flowId = matching(JsonBodies.requiredText(body, "flowId", 64), ChatLimits.FLOW_ID, "flowId");
        String locale = matching(JsonBodies.requiredText(body, "locale", 35), ChatLimits.LOCALE, "locale");
        Optional<String> source = JsonBodies.optionalText(body, "source", 100)
                .map(s -> matching(s, ChatLimits.SOURCE, "source"));
        return new Start(flowId, locale, source);
    }

    public Message message(HttpRequest request) {
        ObjectNode body = bodies.object(request, ChatLimits.MAX_BODY_BYTES);
        onlyKnown(body, MESSAGE_FIELDS);
        Optional<String> clientMessageId = JsonBodies.optionalText(body, "clientMessageId", 64)
                .map(s -> matching(s, ChatLimits.CLIENT_MESSAGE_ID, "clientMessageId"));
        int present = (body.hasNonNull("text") ? 1 : 0) + (body.hasNonNull("choice") ? 1 : 0) + (body.hasNonNull("consent") ? 1 : 0);
        if (present != 1) {
            throw ApiException.badRequest("invalid_input", "send exactly one of 'text', 'choice' or 'consent'");
        }
        VisitorInput input;
        if (body.hasNonNull("text")) {
            String text = JsonBodies.requiredText(body, "text", ChatLimits.MAX_TEXT_CHARS);
            if (text.isBlank()) {
                throw ApiException.badRequest("invalid_input", "'text' must not be empty");
            }
            input = new VisitorInput.Text(text);
        } else if (body.hasNonNull("choice")) {
            input = new VisitorInput.Choice(matching(JsonBodies.requiredText(body, "choice", 64), ChatLimits.OPTION_ID, "choice"));
        } else {
            ObjectNode consent = JsonBodies.optionalObject(body, "consent").orElseThrow();
            onlyKnown(consent, Set.of("purpose", "granted"));
            String purpose = matching(JsonBodies.requiredText(consent, "purpose", 64), ChatLimits.PURPOSE, "consent.purpose");
            boolean granted = JsonBodies.optionalBoolean(consent, "granted")
                    .orElseThrow(() -> ApiException.badRequest("missing_field", "'consent.granted' is required"));
            input = new VisitorInput.Consent(purpose, granted);
        }
        return new Message(input, clientMessageId, Honeypot.filled(body));
    }

    /** Unknown fields are refused; their names are not echoed back (a name can be anything a client typed). */
    private static void onlyKnown(ObjectNode body, Set<String> known) {
        body.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw ApiException.badRequest("unknown_field", "the body has a field this request does not take; it takes "
                        + String.join(", ", new java.util.TreeSet<>(known)));
            }
        });
    }

    private static String matching(String value, Pattern pattern, String field) {
        if (!pattern.matcher(value).matches()) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' has an invalid format");
        }
        return value;
    }
}
