package io.leadline.local.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The local sign-in's token signing key (RSA 2048), made on first start and kept in the data folder
 * (mode 0600) so tokens outlive a restart. Its public half is the JWKS the gateway verifies against.
 */
public final class TokenKeys {

    private final RSAKey key;

    private TokenKeys(RSAKey key) {
        this.key = key;
    }

    public static TokenKeys loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return new TokenKeys(RSAKey.parse(Files.readString(file)));
            }
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, key.toJSONString());
            return new TokenKeys(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("bad token signing key in " + file, e);
        }
    }

    RSAKey signingKey() {
        return key;
    }

    /** The public keys, as a Cognito user pool publishes them at .well-known/jwks.json. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }
}
