package io.leadline.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadline.flows.Prompt;
import io.leadline.retention.RetentionPolicy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;

/** The chat API's reply body: {@code {messages:[{type,text}], prompt:{type,...}}}. */
@Singleton
public final class ReplyRenderer {

    private final ObjectMapper json;

    @Inject
    public ReplyRenderer(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode object() {
        return json.createObjectNode();
    }

    public ObjectNode reply(List<String> messages, Prompt prompt) {
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("messages");
        for (String text : messages) {
            list.addObject().put("type", "text").put("text", text);
        }
        body.set("prompt", prompt(prompt));
        return body;
    }

    public ObjectNode prompt(Prompt prompt) {
        ObjectNode p = json.createObjectNode();
        p.put("type", prompt.type().wire());
        switch (prompt.type()) {
            case CHOICE -> {
                ArrayNode options = p.putArray("options");
                prompt.options().forEach(o -> options.addObject().put("id", o.id()).put("label", o.label()));
            }
            case CONSENT -> {
                Prompt.ConsentRequest c = prompt.consent();
                ObjectNode purpose = p.putObject("purpose");
                purpose.put("id", c.purpose());
                purpose.put("text", c.text());
                purpose.put("retention", RetentionPolicy.iso(c.retention()));
                purpose.put("retentionDays", c.retention().toDays());
                purpose.put("privacyUrl", c.privacyUrl());
                purpose.put("yesLabel", c.yesLabel());
                purpose.put("noLabel", c.noLabel());
            }
            case TEXT -> p.put("maxLength", prompt.maxLength());
            default -> {
            }
        }
        if (prompt.hint() != null) {
            p.put("hint", prompt.hint());
        }
        return p;
    }

    public String write(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise reply", e);
        }
    }

    public ObjectNode read(String stored) {
        try {
            return (ObjectNode) json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored reply is not JSON", e);
        }
    }
}
