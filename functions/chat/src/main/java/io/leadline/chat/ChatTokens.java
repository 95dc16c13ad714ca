package io.leadline.chat;

import io.leadline.http.ApiException;
import io.leadline.http.HttpRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The visitor's bearer token: 256 random bits handed out once, stored only as its SHA-256, and
 * compared in constant time. It binds a browser tab to its conversation.
 */
@Singleton
public final class ChatTokens {

    @Inject
    public ChatTokens() {
    }

    public String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean matches(String token, String storedHash) {
        if (token == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** The token from {@code Authorization: Bearer ...}; 401 if absent or malformed. */
    public String from(HttpRequest request) {
        String header = request.header("authorization")
                .orElseThrow(() -> ApiException.unauthorized("send the conversation token as 'Authorization: Bearer <token>'"));
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("the Authorization header must be 'Bearer <token>'");
        }
        String token = header.substring(7).strip();
        if (!ChatLimits.TOKEN.matcher(token).matches()) {
            throw ApiException.unauthorized("the conversation token is malformed");
        }
        return token;
    }
}
