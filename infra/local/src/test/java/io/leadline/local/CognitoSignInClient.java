package io.leadline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadline.local.identity.Totp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Signs in over Cognito's JSON protocol the way the console does — USER_PASSWORD_AUTH, then whatever
 * challenges come: NEW_PASSWORD_REQUIRED, MFA_SETUP (AssociateSoftwareToken, VerifySoftwareToken),
 * SOFTWARE_TOKEN_MFA — against the local sign-in or a moto server's Cognito.
 */
final class CognitoSignInClient {

    /** What the user's authenticator app knows: the TOTP secret, once set up. */
    static final class Authenticator {
        String secret;
        private final boolean oneCodePerStep;
        private long lastStep = -1;

        Authenticator(String secret) {
            this(secret, true);
        }

        /** @param oneCodePerStep false only for a server that does not remember used codes (moto), to save the wait */
        Authenticator(String secret, boolean oneCodePerStep) {
            this.secret = secret;
            this.oneCodePerStep = oneCodePerStep;
        }

        /** A code for a time step not used before (Cognito refuses a code twice): waits for the next one if needed. */
        String freshCode() {
            long step = Instant.now().getEpochSecond() / 30;
            while (oneCodePerStep && step <= lastStep) {
                sleep(250);
                step = Instant.now().getEpochSecond() / 30;
            }
            lastStep = step;
            return Totp.code(secret, Instant.ofEpochSecond(step * 30));
        }
    }

    record Tokens(String idToken, String accessToken, String refreshToken, List<String> challenges) {
    }

    static final class SignInFailed extends RuntimeException {
        final String type;

        SignInFailed(String type, String message) {
            super(type + ": " + message);
            this.type = type;
        }
    }

    private final URI endpoint;
    private final String clientId;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    /** These operations are unsigned in Cognito's protocol: no credentials, as in the browser. */
    CognitoSignInClient(URI endpoint, String clientId) {
        this.endpoint = endpoint;
        this.clientId = clientId;
    }

    Tokens signIn(String username, String password, String newPassword, Authenticator authenticator) {
        List<String> seen = new ArrayList<>();
        ObjectNode start = json.createObjectNode().put("AuthFlow", "USER_PASSWORD_AUTH").put("ClientId", clientId);
        start.putObject("AuthParameters").put("USERNAME", username).put("PASSWORD", password);
        JsonNode step = call("InitiateAuth", start);
        for (int round = 0; round < 5; round++) {
            if (step.has("AuthenticationResult")) {
                JsonNode r = step.path("AuthenticationResult");
                return new Tokens(r.path("IdToken").asText(), r.path("AccessToken").asText(),
                        r.path("RefreshToken").asText(null), seen);
            }
            String challenge = step.path("ChallengeName").asText();
            String session = step.path("Session").asText();
            seen.add(challenge);
            ObjectNode answer = json.createObjectNode().put("ChallengeName", challenge).put("ClientId", clientId);
            ObjectNode responses = answer.putObject("ChallengeResponses").put("USERNAME", username);
            switch (challenge) {
                case "NEW_PASSWORD_REQUIRED" -> responses.put("NEW_PASSWORD", newPassword);
                case "MFA_SETUP" -> {
                    JsonNode associated = call("AssociateSoftwareToken", json.createObjectNode().put("Session", session));
                    authenticator.secret = associated.path("SecretCode").asText();
                    JsonNode verified = call("VerifySoftwareToken", json.createObjectNode()
                            .put("Session", associated.path("Session").asText(session))
                            .put("UserCode", authenticator.freshCode())
                            .put("FriendlyDeviceName", "test authenticator"));
                    if (!verified.path("Status").asText().equals("SUCCESS")) {
                        throw new SignInFailed("VerifySoftwareToken", verified.toString());
                    }
                    session = verified.path("Session").asText(session);
                }
                case "SOFTWARE_TOKEN_MFA" -> responses.put("SOFTWARE_TOKEN_MFA_CODE", authenticator.freshCode());
                default -> throw new SignInFailed("UnexpectedChallenge", challenge);
            }
            answer.put("Session", session);
            step = call("RespondToAuthChallenge", answer);
        }
        throw new SignInFailed("TooManyChallenges", String.join(",", seen));
    }

    JsonNode call(String operation, ObjectNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode out = response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
            if (response.statusCode() != 200) {
                String type = out.path("__type").asText("HTTP " + response.statusCode());
                throw new SignInFailed(type.substring(type.lastIndexOf('#') + 1), out.path("message").asText());
            }
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(operation + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
