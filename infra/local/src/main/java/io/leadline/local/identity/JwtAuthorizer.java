package io.leadline.local.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the HTTP API's JWT authorizer does in AWS, for the local gateway and the Cognito wire test:
 * checks an RS256 token's signature against the issuer's JWKS, its issuer, its audience (the console's
 * app client, as {@code aud} or {@code client_id}), its expiry and its use, and hands the function the
 * claims the way API Gateway does (as strings; arrays as "[a b]").
 */
public final class JwtAuthorizer {

    private static final Set<String> USES = Set.of("id", "access");

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String clientId;

    public JwtAuthorizer(JWKSet keys, String issuer, String clientId) {
        this.clientId = clientId;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
        DefaultJWTClaimsVerifier<SecurityContext> verifier = new DefaultJWTClaimsVerifier<>(
                null, new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iat", "token_use"));
        verifier.setMaxClockSkew(60);
        processor.setJWTClaimsSetVerifier(verifier);
    }

    /** The verified claims, or empty when the header holds no valid token for this API. */
    public Optional<Map<String, String>> claims(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        try {
            JWTClaimsSet claims = processor.process(authorization.substring(7).strip(), null);
            String use = claims.getStringClaim("token_use");
            boolean forThisClient = (claims.getAudience() != null && claims.getAudience().contains(clientId))
                    || clientId.equals(claims.getStringClaim("client_id"));
            if (!USES.contains(use) || !forThisClient) {
                return Optional.empty();
            }
            Map<String, String> out = new LinkedHashMap<>();
            claims.getClaims().forEach((name, value) -> out.put(name, asApiGatewayString(value)));
            return Optional.of(out);
        } catch (Exception invalid) {
            return Optional.empty();
        }
    }

    private static String asApiGatewayString(Object value) {
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]"));
        }
        if (value instanceof java.util.Date d) {
            return Long.toString(d.toInstant().getEpochSecond());
        }
        return String.valueOf(value);
    }

}
