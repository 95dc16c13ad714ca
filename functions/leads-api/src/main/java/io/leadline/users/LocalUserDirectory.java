package io.leadline.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Console users on a laptop: what Cognito's user pool holds in AWS, kept in one JSON file (mode 0600)
 * in the local data folder. Passwords are PBKDF2 hashes; TOTP secrets are kept for the local sign-in,
 * which checks the codes. The local runner and the tests use this; AWS uses {@link CognitoUserDirectory}.
 */
public final class LocalUserDirectory implements UserDirectory {

    /** PBKDF2-HMAC-SHA256 iterations: slow enough to make guessing expensive, fast enough to sign in. */
    static final int ITERATIONS = 210_000;

    /** A user with their credentials, for the local sign-in. */
    public record Account(StaffUser user, boolean temporaryPassword, Optional<String> totpSecret, long lastTotpStep) {
        @Override
        public String toString() {
            return "Account[" + user + "]";
        }
    }

    private final Path file;
    private final SecureRandom random;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ObjectNode> users = new LinkedHashMap<>();

    public LocalUserDirectory(Path file, SecureRandom random, Clock clock) {
        this.file = file;
        this.random = random;
        this.clock = clock;
        load();
    }

    public synchronized boolean isEmpty() {
        return users.isEmpty();
    }

    @Override
    public synchronized List<StaffUser> list() {
        return users.values().stream().map(LocalUserDirectory::user).toList();
    }

    @Override
    public synchronized Optional<StaffUser> find(String userId) {
        return Optional.ofNullable(users.get(userId)).map(LocalUserDirectory::user);
    }

    @Override
    public synchronized Created create(String username, Role role) {
        String password = UserDirectory.temporaryPassword(random);
        return new Created(add(username, role, password, true, null), password);
    }

    /** The first administrator: a temporary password, and a TOTP secret handed out with it. */
    public synchronized Created createFirstAdmin(String username, String totpSecret) {
        String password = UserDirectory.temporaryPassword(random);
        return new Created(add(username, Role.ADMIN, password, true, totpSecret), password);
    }

    @Override
    public synchronized void disable(String userId) {
        ObjectNode u = users.get(userId);
        if (u == null) {
            throw new IllegalArgumentException("no such user");
        }
        u.put("enabled", false);
        save();
    }

    public synchronized Optional<Account> account(String username) {
        return users.values().stream().filter(u -> u.path("username").asText().equals(username)).findFirst()
                .map(LocalUserDirectory::account);
    }

    public synchronized Optional<Account> accountById(String userId) {
        return Optional.ofNullable(users.get(userId)).map(LocalUserDirectory::account);
    }

    /** Constant work whether or not the user exists, so timing does not tell who has an account. */
    public synchronized boolean passwordMatches(String username, char[] password) {
        Optional<ObjectNode> u = users.values().stream().filter(x -> x.path("username").asText().equals(username)).findFirst();
        byte[] salt = u.map(x -> Base64.getDecoder().decode(x.path("salt").asText())).orElse(new byte[16]);
        byte[] expected = u.map(x -> Base64.getDecoder().decode(x.path("hash").asText())).orElse(new byte[32]);
        byte[] actual = hash(password, salt);
        return u.isPresent() && MessageDigest.isEqual(expected, actual);
    }

    public synchronized void setPassword(String userId, char[] password) {
        ObjectNode u = require(userId);
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        u.put("salt", Base64.getEncoder().encodeToString(salt));
        u.put("hash", Base64.getEncoder().encodeToString(hash(password, salt)));
        u.put("temporaryPassword", false);
        save();
    }

    public synchronized void setTotpSecret(String userId, String base32Secret) {
        require(userId).put("totpSecret", base32Secret);
        save();
    }

    /** Records the last TOTP time step used, so a code cannot be replayed. */
    public synchronized void useTotpStep(String userId, long step) {
        require(userId).put("lastTotpStep", step);
        save();
    }

    private StaffUser add(String username, Role role, String password, boolean temporary, String totpSecret) {
        if (users.values().stream().anyMatch(u -> u.path("username").asText().equals(username))) {
            throw new IllegalArgumentException("a user with that name exists");
        }
        String id = UUID.randomUUID().toString();
        ObjectNode u = json.createObjectNode();
        u.put("id", id);
        u.put("username", username);
        u.putArray("roles").add(role.group());
        u.put("enabled", true);
        u.put("createdAt", clock.instant().toString());
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        u.put("salt", Base64.getEncoder().encodeToString(salt));
        u.put("hash", Base64.getEncoder().encodeToString(hash(password.toCharArray(), salt)));
        u.put("temporaryPassword", temporary);
        if (totpSecret != null) {
            u.put("totpSecret", totpSecret);
        }
        u.put("lastTotpStep", 0);
        users.put(id, u);
        save();
        return user(u);
    }

    private ObjectNode require(String userId) {
        ObjectNode u = users.get(userId);
        if (u == null) {
            throw new IllegalArgumentException("no such user");
        }
        return u;
    }

    private static StaffUser user(ObjectNode u) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        u.path("roles").forEach(r -> Role.ofGroup(r.asText()).ifPresent(roles::add));
        return new StaffUser(u.path("id").asText(), u.path("username").asText(), roles, u.path("enabled").asBoolean());
    }

    private static Account account(ObjectNode u) {
        return new Account(user(u), u.path("temporaryPassword").asBoolean(),
                u.hasNonNull("totpSecret") ? Optional.of(u.get("totpSecret").asText()) : Optional.empty(),
                u.path("lastTotpStep").asLong());
    }

    private static byte[] hash(char[] password, byte[] salt) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password, salt, ITERATIONS, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonNode root = json.readTree(file.toFile());
            for (JsonNode u : root.path("users")) {
                users.put(u.path("id").asText(), (ObjectNode) u);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Written to a temporary file first and moved into place, with owner-only permissions. */
    private void save() {
        ObjectNode root = json.createObjectNode();
        ArrayNode list = root.putArray("users");
        new ArrayList<>(users.values()).forEach(list::add);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.write(tmp, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
