package io.leadline.leadsapi;

import io.leadline.audit.AuditLog;
import io.leadline.http.ApiException;
import io.leadline.http.HttpRequest;
import io.leadline.users.Role;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Who calls the console API, from the JWT claims the HTTP API's authorizer verified. The function
 * checks them again (defence in depth): no subject (or one that is no user id), no entry; no role, no route.
 *
 * @param userId   the token's {@code sub}
 * @param username {@code cognito:username} (or {@code username} in access tokens)
 */
public record Caller(String userId, String username, Set<Role> roles) {

    public static Caller from(HttpRequest request) {
        Map<String, String> claims = request.claims();
        String sub = claims.get("sub");
        // A subject is a user id (a Cognito sub); anything else could name no one the API can address,
        // and would end up in keys (lead owners, reveal counters) DynamoDB refuses.
        if (sub == null || !LeadRoutes.ID.matcher(sub).matches()) {
            throw ApiException.unauthorized("sign in to use the console API");
        }
        String username = claims.getOrDefault("cognito:username", claims.getOrDefault("username", sub));
        return new Caller(sub, username, roles(claims.get("cognito:groups")));
    }

    /**
     * API Gateway passes array claims as text, "[admin sales-rep]" or "[admin, sales-rep]"; a JSON
     * array is accepted too.
     */
    static Set<Role> roles(String groups) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (groups == null) {
            return roles;
        }
        String list = groups.replace("[", "").replace("]", "").replace("\"", "");
        Arrays.stream(list.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty())
                .forEach(g -> Role.ofGroup(g).ifPresent(roles::add));
        return roles;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** 403 unless the caller has one of these roles. */
    public Caller require(Role... anyOf) {
        for (Role r : anyOf) {
            if (roles.contains(r)) {
                return this;
            }
        }
        throw ApiException.forbidden("your role does not allow this");
    }

    public AuditLog.Actor actor() {
        return AuditLog.Actor.user(userId);
    }
}
