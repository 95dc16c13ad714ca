package io.leadline.storage;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers and secrets: 128 or 256 random bits, URL-safe base64. */
@Singleton
public final class Ids {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    @Inject
    public Ids(SecureRandom random) {
        this.random = random;
    }

    /** A record id: 128 random bits, so ids cannot be guessed or enumerated. */
    public String newId() {
        return encode(16);
    }

    /** A bearer secret: 256 random bits. */
    public String newSecret() {
        return encode(32);
    }

    private String encode(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return ENCODER.encodeToString(b);
    }
}
