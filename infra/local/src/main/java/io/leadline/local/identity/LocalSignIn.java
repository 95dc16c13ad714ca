package io.leadline.local.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.leadline.users.LocalUserDirectory;
import io.leadline.users.Role;
import io.leadline.users.StaffUser;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local stand-in for Cognito's sign-in, speaking the same JSON protocol (X-Amz-Target
 * AWSCognitoIdentityProviderService.*) so the console runs one code path against both: password
 * (USER_PASSWORD_AUTH), then a new password if the current one is temporary (NEW_PASSWORD_REQUIRED),
 * then TOTP — set up on first sign-in (MFA_SETUP: AssociateSoftwareToken, VerifySoftwareToken) or
 * checked (SOFTWARE_TOKEN_MFA). It issues RS256 ID and access tokens with Cognito's claims.
 */
public final class LocalSignIn {

    public static final String ISSUER = "urn:leadline:local-cognito";
    public static final String CLIENT_ID = "leadline-local-console";
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    static final Duration REFRESH_LIFETIME = Duration.ofDays(1);
    static final Duration SESSION_LIFETIME = Duration.ofMinutes(3);
    static final int MAX_FAILURES = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(15);

    /** A Cognito-style error: HTTP 400 with {@code __type} and {@code message}. */
    public static final class CognitoError extends RuntimeException {
        private final String type;

        CognitoError(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }

        public String type() {
            return type;
        }
    }

    private enum Stage { NEW_PASSWORD, MFA_SETUP, MFA }

    private record Session(String userId, Stage stage, Instant expires, String pendingSecret, boolean verified) {
    }

    private record Failures(int count, Instant since) {
    }

    private final LocalUserDirectory users;
    private final TokenKeys keys;
    private final SecureRandom random;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Instant> refreshExpiry = new ConcurrentHashMap<>();
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LocalSignIn(LocalUserDirectory users, TokenKeys keys, SecureRandom random, Clock clock) {
        this.users = users;
        this.keys = keys;
        this.random = random;
        this.clock = clock;
    }

    /** Handles one call; {@code target} is the X-Amz-Target header. */
    public ObjectNode handle(String target, JsonNode request) {
        String operation = target == null ? "" : target.substring(target.lastIndexOf('.') + 1);
        return switch (operation) {
            case "InitiateAuth" -> initiateAuth(request);
            case "RespondToAuthChallenge" -> respond(request);
            case "AssociateSoftwareToken" -> associate(request);
            case "VerifySoftwareToken" -> verify(request);
            default -> throw new CognitoError("InvalidParameterException", "unsupported operation " + operation);
        };
    }

    private ObjectNode initiateAuth(JsonNode request) {
        client(request);
        String flow = request.path("AuthFlow").asText();
        JsonNode params = request.path("AuthParameters");
        if (flow.equals("REFRESH_TOKEN_AUTH") || flow.equals("REFRESH_TOKEN")) {
            String token = params.path("REFRESH_TOKEN").asText();
            String userId = refreshTokens.get(token);
            if (userId == null || refreshExpiry.getOrDefault(token, Instant.EPOCH).isBefore(clock.instant())) {
                throw notAuthorized("Invalid Refresh Token");
            }
            StaffUser user = activeUser(userId);
            ObjectNode out = json.createObjectNode();
            ObjectNode result = tokens(user, false);
            out.set("AuthenticationResult", result);
            return out;
        }
        if (!flow.equals("USER_PASSWORD_AUTH")) {
            throw new CognitoError("InvalidParameterException", "AuthFlow must be USER_PASSWORD_AUTH or REFRESH_TOKEN_AUTH");
        }
        String username = params.path("USERNAME").asText().toLowerCase(java.util.Locale.ROOT);
        String password = params.path("PASSWORD").asText();
        checkNotLockedOut(username);
        if (!users.passwordMatches(username, password.toCharArray())) {
            recordFailure(username);
            throw notAuthorized("Incorrect username or password.");
        }
        LocalUserDirectory.Account account = users.account(username).orElseThrow(() -> notAuthorized("Incorrect username or password."));
        if (!account.user().enabled()) {
            throw notAuthorized("User is disabled.");
        }
        failures.remove(username);
        if (account.temporaryPassword()) {
            return challenge("NEW_PASSWORD_REQUIRED", account.user(), Stage.NEW_PASSWORD, null);
        }
        return mfaChallenge(account);
    }

    private ObjectNode respond(JsonNode request) {
        client(request);
        Session session = session(request.path("Session").asText());
        String name = request.path("ChallengeName").asText();
        JsonNode answers = request.path("ChallengeResponses");
        LocalUserDirectory.Account account = users.accountById(session.userId()).orElseThrow(() -> notAuthorized("User is disabled."));
        switch (name) {
            case "NEW_PASSWORD_REQUIRED" -> {
                expect(session, Stage.NEW_PASSWORD);
                String password = answers.path("NEW_PASSWORD").asText();
                checkPolicy(password);
                users.setPassword(account.user().id(), password.toCharArray());
                return mfaChallenge(users.accountById(account.user().id()).orElseThrow());
            }
            case "MFA_SETUP" -> {
                expect(session, Stage.MFA_SETUP);
                if (!session.verified() || session.pendingSecret() == null) {
                    throw new CognitoError("NotAuthorizedException", "verify a code from your authenticator app first");
                }
                users.setTotpSecret(account.user().id(), session.pendingSecret());
                return signedIn(account.user());
            }
            case "SOFTWARE_TOKEN_MFA" -> {
                expect(session, Stage.MFA);
                String code = answers.path("SOFTWARE_TOKEN_MFA_CODE").asText();
                String secret = account.totpSecret().orElseThrow(() -> notAuthorized("no authenticator app is set up"));
                var step = Totp.matchingStep(secret, code, clock.instant());
                if (step.isEmpty() || step.getAsLong() <= account.lastTotpStep()) {
                    recordFailure(account.user().username());
                    throw new CognitoError("CodeMismatchException", "Invalid code received for user");
                }
                users.useTotpStep(account.user().id(), step.getAsLong());
                return signedIn(account.user());
            }
            default -> throw new CognitoError("InvalidParameterException", "unsupported challenge " + name);
        }
    }

    /** Starts TOTP set-up: a new secret for the authenticator app (the console shows it as a QR code). */
    private ObjectNode associate(JsonNode request) {
        String sessionId = request.path("Session").asText();
        Session session = session(sessionId);
        expect(session, Stage.MFA_SETUP);
        String secret = Totp.newSecret(random);
        sessions.put(sessionId, new Session(session.userId(), Stage.MFA_SETUP, session.expires(), secret, false));
        ObjectNode out = json.createObjectNode();
        out.put("SecretCode", secret);
        out.put("Session", sessionId);
        return out;
    }

    private ObjectNode verify(JsonNode request) {
        String sessionId = request.path("Session").asText();
        Session session = session(sessionId);
        expect(session, Stage.MFA_SETUP);
        if (session.pendingSecret() == null) {
            throw new CognitoError("InvalidParameterException", "call AssociateSoftwareToken first");
        }
        var step = Totp.matchingStep(session.pendingSecret(), request.path("UserCode").asText(), clock.instant());
        if (step.isEmpty()) {
            throw new CognitoError("CodeMismatchException", "Invalid code received for user");
        }
        users.useTotpStep(session.userId(), step.getAsLong());
        sessions.put(sessionId, new Session(session.userId(), Stage.MFA_SETUP, session.expires(), session.pendingSecret(), true));
        ObjectNode out = json.createObjectNode();
        out.put("Status", "SUCCESS");
        out.put("Session", sessionId);
        return out;
    }

    private ObjectNode mfaChallenge(LocalUserDirectory.Account account) {
        // MFA is required for everyone: set it up now if there is no authenticator app yet.
        return account.totpSecret().isPresent()
                ? challenge("SOFTWARE_TOKEN_MFA", account.user(), Stage.MFA, null)
                : challenge("MFA_SETUP", account.user(), Stage.MFA_SETUP, null);
    }

    private ObjectNode challenge(String name, StaffUser user, Stage stage, String pendingSecret) {
        String id = token(32);
        sessions.put(id, new Session(user.id(), stage, clock.instant().plus(SESSION_LIFETIME), pendingSecret, false));
        ObjectNode out = json.createObjectNode();
        out.put("ChallengeName", name);
        out.put("Session", id);
        ObjectNode params = out.putObject("ChallengeParameters");
        params.put("USER_ID_FOR_SRP", user.username());
        if (name.equals("MFA_SETUP")) {
            params.put("MFAS_CAN_SETUP", "[\"SOFTWARE_TOKEN_MFA\"]");
        }
        return out;
    }

    private ObjectNode signedIn(StaffUser user) {
        sessions.values().removeIf(s -> s.userId().equals(user.id()));
        ObjectNode out = json.createObjectNode();
        out.set("AuthenticationResult", tokens(user, true));
        out.putObject("ChallengeParameters");
        return out;
    }

    private ObjectNode tokens(StaffUser user, boolean withRefresh) {
        Instant now = clock.instant();
        List<String> groups = user.roles().stream().map(Role::group).sorted().toList();
        ObjectNode result = json.createObjectNode();
        result.put("IdToken", sign(new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject(user.id()).audience(CLIENT_ID)
                .claim("cognito:username", user.username()).claim("cognito:groups", groups)
                .claim("token_use", "id").claim("auth_time", now.getEpochSecond())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .jwtID(UUID.randomUUID().toString()).build()));
        result.put("AccessToken", sign(new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject(user.id())
                .claim("client_id", CLIENT_ID).claim("username", user.username()).claim("cognito:groups", groups)
                .claim("token_use", "access").claim("scope", "aws.cognito.signin.user.admin")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .jwtID(UUID.randomUUID().toString()).build()));
        result.put("ExpiresIn", TOKEN_LIFETIME.toSeconds());
        result.put("TokenType", "Bearer");
        if (withRefresh) {
            String refresh = token(48);
            refreshTokens.put(refresh, user.id());
            refreshExpiry.put(refresh, now.plus(REFRESH_LIFETIME));
            result.put("RefreshToken", refresh);
        }
        return result;
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keys.signingKey().getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(keys.signingKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private Session session(String id) {
        Session s = sessions.get(id);
        if (s == null || s.expires().isBefore(clock.instant())) {
            sessions.remove(id);
            throw notAuthorized("Invalid session for the user, session is expired.");
        }
        return s;
    }

    private static void expect(Session session, Stage stage) {
        if (session.stage() != stage) {
            throw new CognitoError("InvalidParameterException", "this session expects another step");
        }
    }

    private StaffUser activeUser(String userId) {
        StaffUser user = users.find(userId).orElseThrow(() -> notAuthorized("User does not exist."));
        if (!user.enabled()) {
            throw notAuthorized("User is disabled.");
        }
        return user;
    }

    private static void client(JsonNode request) {
        if (!CLIENT_ID.equals(request.path("ClientId").asText())) {
            throw new CognitoError("ResourceNotFoundException", "User pool client does not exist.");
        }
    }

    /** What Cognito's default policy asks, so a password accepted here is accepted there too. */
    static void checkPolicy(String password) {
        boolean ok = password.length() >= 12 && password.chars().anyMatch(Character::isUpperCase)
                && password.chars().anyMatch(Character::isLowerCase) && password.chars().anyMatch(Character::isDigit)
                && password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) && password.length() <= 256;
        if (!ok) {
            throw new CognitoError("InvalidPasswordException",
                    "Password does not conform to policy: at least 12 characters with upper and lower case letters, a number and a symbol");
        }
    }

    private void checkNotLockedOut(String username) {
        Failures f = failures.get(username);
        if (f != null && f.count() >= MAX_FAILURES && f.since().plus(LOCKOUT).isAfter(clock.instant())) {
            throw new CognitoError("TooManyFailedAttemptsException", "Password attempts exceeded");
        }
    }

    private void recordFailure(String username) {
        Instant now = clock.instant();
        failures.merge(username, new Failures(1, now), (a, b) ->
                a.since().plus(LOCKOUT).isBefore(now) ? b : new Failures(a.count() + 1, a.since()));
    }

    private static CognitoError notAuthorized(String message) {
        return new CognitoError("NotAuthorizedException", message);
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
