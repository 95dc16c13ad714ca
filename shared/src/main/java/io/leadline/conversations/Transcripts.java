package io.leadline.conversations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadline.crypto.EncryptionContext;
import io.leadline.crypto.PersonalDataCipher;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkBytes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and seals transcript text. Visitor text typed after consent is encrypted under the subject's
 * key, bound to its transcript entry and purpose; read back, a transcript shows what the visitor sent
 * as they saw it (their words, or the label of the button they pressed) and what the bot said.
 */
@Singleton
public final class Transcripts {

    /** Logical table name bound into conversation ciphertexts. */
    public static final String TABLE = "conversations";

    /** One line of a transcript. */
    public record Line(Instant at, String from, String text) {
        @Override
        public String toString() {
            return "Line[" + at + ", " + from + "]";
        }
    }

    private final ConversationRepository conversations;
    private final PersonalDataCipher cipher;
    private final ObjectMapper json;

    @Inject
    public Transcripts(ConversationRepository conversations, PersonalDataCipher cipher, ObjectMapper json) {
        this.conversations = conversations;
        this.cipher = cipher;
        this.json = json;
    }

    public SdkBytes seal(Conversation c, long seq, String purpose, String text) {
        return cipher.seal(context(c, seq, purpose), text.getBytes(StandardCharsets.UTF_8));
    }

    public List<Line> read(Conversation c) {
        List<Line> lines = new ArrayList<>();
        JsonNode offered = null;
        for (TranscriptEntry e : conversations.transcript(c.id())) {
            Optional<String> visitor = visitorText(c, e, offered);
            visitor.ifPresent(text -> lines.add(new Line(e.at(), "visitor", text)));
            if (e.reply() != null) {
                JsonNode reply = parse(e.reply());
                for (JsonNode m : reply.path("messages")) {
                    lines.add(new Line(e.at(), "bot", m.path("text").asText()));
                }
                offered = reply.path("prompt");
            }
        }
        return lines;
    }

    private Optional<String> visitorText(Conversation c, TranscriptEntry e, JsonNode offered) {
        switch (e.inputKind()) {
            case "choice" -> {
                if (offered != null) {
                    for (JsonNode option : offered.path("options")) {
                        if (option.path("id").asText().equals(e.input())) {
                            return Optional.of(option.path("label").asText());
                        }
                    }
                }
                return Optional.ofNullable(e.input());
            }
            case "consent" -> {
                boolean granted = e.input() != null && e.input().endsWith(":granted");
                return offered == null || offered.path("purpose").isMissingNode() ? Optional.empty()
                        : Optional.of(offered.path("purpose").path(granted ? "yesLabel" : "noLabel").asText());
            }
            case "text" -> {
                if (e.inputSealed() != null && c.subjectId() != null) {
                    byte[] plain = cipher.open(context(c, e.seq(), e.input()), e.inputSealed());
                    return Optional.of(new String(plain, StandardCharsets.UTF_8));
                }
                return Optional.ofNullable(e.inputRedacted());
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private JsonNode parse(String reply) {
        try {
            return json.readTree(reply);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored reply is not JSON", e);
        }
    }

    private static EncryptionContext context(Conversation c, long seq, String purpose) {
        return new EncryptionContext(TABLE, c.id() + "#" + seq, purpose, c.subjectId());
    }
}
