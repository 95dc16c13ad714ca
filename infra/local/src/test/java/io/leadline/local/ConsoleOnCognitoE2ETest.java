package io.leadline.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadline.users.Role;
import io.leadline.users.UserDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/**
 * The console in headless Chromium signing in against a Cognito user pool — a moto server's, the
 * closest stand-in for the real service here — rather than the local sign-in: Cognito's own answers
 * to NEW_PASSWORD_REQUIRED, MFA_SETUP and SOFTWARE_TOKEN_MFA, its tokens verified against the pool's
 * JWKS by the gateway (web/tests/console-cognito.e2e.mjs).
 */
class ConsoleOnCognitoE2ETest {

    @TempDir
    Path dir;

    private CognitoOnMoto pool;

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void anAdministratorSignsInToTheConsoleWithTheUserPool() throws Exception {
        pool = CognitoOnMoto.start(dir);
        UserDirectory.Created admin = pool.directory.create("pool.admin", Role.ADMIN);
        BrowserScript.run("console-cognito.e2e.mjs", "http://127.0.0.1:" + pool.gateway.port(),
                Map.of("LEADLINE_CONSOLE_COGNITO_E2E", new ObjectMapper().writeValueAsString(Map.of(
                        "username", admin.user().username(), "temporaryPassword", admin.temporaryPassword()))));
    }
}
