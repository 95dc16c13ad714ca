package io.leadline.local.identity;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;

import javax.crypto.spec.SecretKeySpec;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * RFC 6238 one-time passwords as authenticator apps make them (HMAC-SHA1, 30-second steps, 6 digits),
 * accepting one step of clock drift either way.
 */
public final class Totp {

    private static final TimeBasedOneTimePasswordGenerator GENERATOR = new TimeBasedOneTimePasswordGenerator();
    private static final Base32 BASE32 = new Base32();

    private Totp() {
    }

    /** A new 160-bit secret, base32 as apps take it. */
    public static String newSecret(SecureRandom random) {
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        return BASE32.encodeToString(secret).replace("=", "");
    }

    public static String code(String base32Secret, Instant at) {
        try {
            return GENERATOR.generateOneTimePasswordString(key(base32Secret), at);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The time step the code belongs to (now, or one step either side), if it is right. */
    public static OptionalLong matchingStep(String base32Secret, String code, Instant now) {
        if (code == null || !code.matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        long step = now.getEpochSecond() / GENERATOR.getTimeStep().getSeconds();
        for (long s = step - 1; s <= step + 1; s++) {
            if (code(base32Secret, Instant.ofEpochSecond(s * GENERATOR.getTimeStep().getSeconds())).equals(code)) {
                return OptionalLong.of(s);
            }
        }
        return OptionalLong.empty();
    }

    public static String otpauthUri(String issuer, String username, String base32Secret) {
        return "otpauth://totp/" + issuer + ":" + username + "?secret=" + base32Secret + "&issuer=" + issuer
                + "&algorithm=SHA1&digits=6&period=30";
    }

    private static SecretKeySpec key(String base32Secret) {
        return new SecretKeySpec(BASE32.decode(base32Secret), "HmacSHA1");
    }
}
