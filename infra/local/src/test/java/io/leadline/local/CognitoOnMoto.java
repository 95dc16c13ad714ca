package io.leadline.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import io.leadline.http.HttpRoute;
import io.leadline.leadsapi.DaggerLeadsApiComponent;
import io.leadline.leadsapi.LeadsApi;
import io.leadline.local.identity.JwtAuthorizer;
import io.leadline.testing.ExternalTools;
import io.leadline.testing.MotoServer;
import io.leadline.testing.TestEnvironment;
import io.leadline.users.CognitoUserDirectory;
import io.leadline.users.Role;
import io.leadline.users.UserDirectory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Cognito user pool on a moto server, set up as template.yaml declares it (admin-only sign-up, a
 * strong password policy, TOTP MFA on, the three groups, a console client without a secret), and the
 * console API with its users in that pool, behind a gateway that verifies tokens against the pool's
 * JWKS as API Gateway's JWT authorizer does. The gateway also serves the console, configured to sign
 * in against the pool.
 */
final class CognitoOnMoto implements AutoCloseable {

    /** moto accepts Cognito's public calls unsigned, in this region (as real Cognito does in any). */
    static final String REGION = "us-east-1";
    /** For moto's JWKS route, which it cannot tell from other services' paths without a credential scope. */
    static final String MOTO_ROUTING = "AWS4-HMAC-SHA256 Credential=testing/20261123/" + REGION
            + "/cognito-idp/aws4_request, SignedHeaders=host, Signature=0";

    final MotoServer moto;
    final CognitoIdentityProviderClient cognito;
    final String poolId;
    final String clientId;
    final UserDirectory directory;
    final LocalGateway gateway;

    private CognitoOnMoto(MotoServer moto, CognitoIdentityProviderClient cognito, String poolId, String clientId,
                          UserDirectory directory, LocalGateway gateway) {
        this.moto = moto;
        this.cognito = cognito;
        this.poolId = poolId;
        this.clientId = clientId;
        this.directory = directory;
        this.gateway = gateway;
    }

    static CognitoOnMoto start(Path dir) throws Exception {
        MotoServer moto = MotoServer.start(java.util.Map.of("MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP", "true"));
        try {
            CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                    .endpointOverride(moto.endpoint())
                    .region(Region.of(REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
            String poolId = cognito.createUserPool(b -> b.poolName("leadline-console")
                    .adminCreateUserConfig(a -> a.allowAdminCreateUserOnly(true))
                    .policies(p -> p.passwordPolicy(pw -> pw.minimumLength(12).requireLowercase(true).requireUppercase(true)
                            .requireNumbers(true).requireSymbols(true).temporaryPasswordValidityDays(3)))
                    .mfaConfiguration(UserPoolMfaType.ON)).userPool().id();
            cognito.setUserPoolMfaConfig(b -> b.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.ON)
                    .softwareTokenMfaConfiguration(s -> s.enabled(true)));
            for (Role role : Role.values()) {
                cognito.createGroup(b -> b.userPoolId(poolId).groupName(role.group()));
            }
            String clientId = cognito.createUserPoolClient(b -> b.userPoolId(poolId).clientName("console").generateSecret(false)
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                    .userPoolClient().clientId();

            UserDirectory directory = new CognitoUserDirectory(cognito, poolId, new SecureRandom());
            TestEnvironment env = TestEnvironment.create(dir);
            LeadsApi api = DaggerLeadsApiComponent.factory().create(env.config, env.platform, directory).api();
            JwtAuthorizer authorizer = new JwtAuthorizer(jwks(moto, poolId),
                    "https://cognito-idp." + REGION + ".amazonaws.com/" + poolId, clientId);
            List<FunctionRoute> routes = new ArrayList<>();
            for (HttpRoute route : api.routes()) {
                routes.add(new FunctionRoute("leads-api", route, api, Optional.of(authorizer)));
            }
            String motoOrigin = moto.endpoint().toString().replaceAll("/$", "");
            LocalEndpoint consoleConfig = LocalEndpoint.of("GET", "/console/config.json", exchange -> LocalEndpoint.json(exchange, 200,
                    new ObjectMapper().createObjectNode().put("apiBase", "").put("mode", "cognito")
                            .set("cognito", new ObjectMapper().createObjectNode()
                                    .put("endpoint", motoOrigin + "/").put("clientId", clientId).put("region", REGION))
                            .toString()));
            LocalGateway gateway = new LocalGateway(new InetSocketAddress("127.0.0.1", 0), routes, List.of(consoleConfig),
                    ExternalTools.repositoryRoot().resolve("web"), new LocalGateway.CorsPolicy(Set.of(), Set.of()),
                    Set.of(motoOrigin));
            gateway.start();
            return new CognitoOnMoto(moto, cognito, poolId, clientId, directory, gateway);
        } catch (Exception | Error e) {
            moto.close();
            throw e;
        }
    }

    /** The pool's public keys, fetched as the authorizer fetches them. */
    private static JWKSet jwks(MotoServer moto, String poolId) throws IOException, InterruptedException, java.text.ParseException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        moto.endpoint().resolve("/" + poolId + "/.well-known/jwks.json"))
                .header("Authorization", MOTO_ROUTING).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("JWKS: HTTP " + response.statusCode() + " " + response.body());
        }
        JWKSet keys = JWKSet.parse(response.body());
        if (keys.getKeys().isEmpty()) {
            throw new IllegalStateException("the pool has no signing keys");
        }
        return keys;
    }

    /** Signs in over Cognito's JSON protocol, with the given app client. */
    CognitoSignInClient signIn(String client) {
        return new CognitoSignInClient(moto.endpoint().resolve("/"), client);
    }

    URI gatewayUri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    @Override
    public void close() {
        gateway.close();
        moto.close();
    }
}
