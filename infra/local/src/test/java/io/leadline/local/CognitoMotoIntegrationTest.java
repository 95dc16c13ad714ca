package io.leadline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadline.users.Role;
import io.leadline.users.StaffUser;
import io.leadline.users.UserDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's sign-in and the console API against a moto server's Cognito, on the wire: a user pool
 * with MFA required (TOTP), users made through the API in the pool's groups, sign-in through
 * NEW_PASSWORD_REQUIRED, MFA_SETUP and then SOFTWARE_TOKEN_MFA, and API calls whose tokens the gateway
 * verifies against the pool's JWKS, as API Gateway's JWT authorizer does.
 */
class CognitoMotoIntegrationTest {

    static final String NEW_PASSWORD = "Correct-Horse-7-Battery";

    @TempDir
    static Path dir;

    static CognitoOnMoto pool;
    static CognitoSignInClient signIn;
    static UserDirectory directory;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void pool() throws Exception {
        pool = CognitoOnMoto.start(dir);
        signIn = pool.signIn(pool.clientId);
        directory = pool.directory;
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void anAdminSignsInWithTotpAndCreatesARepWhoSignsInAndWorksLeads() throws Exception {
        UserDirectory.Created boss = directory.create("boss", Role.ADMIN);
        CognitoSignInClient.Authenticator bossApp = authenticator();

        // First sign-in: the temporary password is replaced, then the authenticator app is set up.
        CognitoSignInClient.Tokens first = signIn.signIn("boss", boss.temporaryPassword(), NEW_PASSWORD, bossApp);
        assertEquals(List.of("NEW_PASSWORD_REQUIRED", "MFA_SETUP"), first.challenges());
        assertTrue(bossApp.secret != null && !bossApp.secret.isEmpty(), "the pool handed out a TOTP secret");

        // Every later sign-in asks for the code.
        CognitoSignInClient.Tokens later = signIn.signIn("boss", NEW_PASSWORD, null, bossApp);
        assertEquals(List.of("SOFTWARE_TOKEN_MFA"), later.challenges());
        CognitoSignInClient.Authenticator wrongApp = new CognitoSignInClient.Authenticator("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", false);
        var mismatch = assertThrows(CognitoSignInClient.SignInFailed.class, () -> signIn.signIn("boss", NEW_PASSWORD, null, wrongApp));
        assertEquals("CodeMismatchException", mismatch.type);
        assertEquals("NotAuthorizedException", assertThrows(CognitoSignInClient.SignInFailed.class,
                () -> signIn.signIn("boss", "Wrong-Password-1", null, bossApp)).type);

        String admin = later.idToken();
        JsonNode me = call("GET", "/api/me", admin, null, 200);
        assertEquals("boss", me.path("username").asText());
        assertEquals("[\"admin\"]", me.path("roles").toString());

        // The admin creates a rep through the API: the rep lands in the pool, in the sales-rep group.
        JsonNode created = call("POST", "/api/users", admin, "{\"username\":\"rep.one\",\"role\":\"sales-rep\"}", 201);
        String repId = created.path("user").path("id").asText();
        CognitoSignInClient.Authenticator repApp = authenticator();
        CognitoSignInClient.Tokens rep = signIn.signIn("rep.one", created.path("temporaryPassword").asText(), NEW_PASSWORD, repApp);
        assertEquals(List.of("NEW_PASSWORD_REQUIRED", "MFA_SETUP"), rep.challenges());
        assertEquals(repId, call("GET", "/api/me", rep.idToken(), null, 200).path("id").asText());
        assertEquals("[\"sales-rep\"]", call("GET", "/api/me", rep.idToken(), null, 200).path("roles").toString());
        call("GET", "/api/leads", rep.idToken(), null, 200);
        call("GET", "/api/users", rep.idToken(), null, 403);
        call("GET", "/api/audit", rep.idToken(), null, 403);

        JsonNode users = call("GET", "/api/users", admin, null, 200).path("users");
        List<String> names = new ArrayList<>();
        users.forEach(u -> names.add(u.path("username").asText() + ":" + u.path("roles").get(0).asText() + ":" + u.path("enabled").asBoolean()));
        assertTrue(names.containsAll(List.of("boss:admin:true", "rep.one:sales-rep:true")), names.toString());

        // Disabling the rep in the console disables them in the pool: no more sign-ins.
        call("POST", "/api/users/" + repId + "/disable", admin, "{}", 200);
        assertEquals(Optional.of(false), directory.find(repId).map(StaffUser::enabled));
        var disabled = assertThrows(CognitoSignInClient.SignInFailed.class, () -> signIn.signIn("rep.one", NEW_PASSWORD, null, repApp));
        assertEquals("NotAuthorizedException", disabled.type);
    }

    @Test
    void theGatewayRefusesTokensThePoolDidNotIssueForTheConsole() throws Exception {
        UserDirectory.Created manager = directory.create("mai.manager", Role.SALES_MANAGER);
        CognitoSignInClient.Authenticator app = authenticator();
        String token = signIn.signIn("mai.manager", manager.temporaryPassword(), NEW_PASSWORD, app).idToken();
        call("GET", "/api/me", token, null, 200);

        // Another app client of the same pool: same keys, wrong audience.
        String otherClient = pool.cognito.createUserPoolClient(b -> b.userPoolId(pool.poolId).clientName("other")
                .generateSecret(false).explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH)).userPoolClient().clientId();
        String otherToken = pool.signIn(otherClient).signIn("mai.manager", NEW_PASSWORD, null, app).idToken();
        call("GET", "/api/me", otherToken, null, 401);

        // A token whose claims were edited (a rep promoting themself) fails the signature check.
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]));
        String promoted = claims.replace("\"sales-manager\"", "\"admin\"");
        assertTrue(!promoted.equals(claims));
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(promoted.getBytes()) + "." + parts[2];
        call("GET", "/api/users", forged, "{}", 401);
        call("GET", "/api/me", null, null, 401);
    }

    /** moto does not remember used codes, so a sign-in need not wait for the next 30-second step as with Cognito. */
    private static CognitoSignInClient.Authenticator authenticator() {
        return new CognitoSignInClient.Authenticator(null, false);
    }

    private JsonNode call(String method, String path, String token, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(pool.gatewayUri(path))
                .method(method, body == null || method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), method + " " + path + ": " + response.body());
        return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
    }
}
