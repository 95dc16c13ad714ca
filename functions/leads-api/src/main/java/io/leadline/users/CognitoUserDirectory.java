package io.leadline.users;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Console users in the Cognito user pool; their roles are the pool's groups. */
public final class CognitoUserDirectory implements UserDirectory {

    private final CognitoIdentityProviderClient cognito;
    private final String userPoolId;
    private final SecureRandom random;

    public CognitoUserDirectory(CognitoIdentityProviderClient cognito, String userPoolId, SecureRandom random) {
        this.cognito = cognito;
        this.userPoolId = userPoolId;
        this.random = random;
    }

    @Override
    public List<StaffUser> list() {
        Map<String, UserType> users = new LinkedHashMap<>();
        Map<String, Set<Role>> roles = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            cognito.listUsersInGroupPaginator(b -> b.userPoolId(userPoolId).groupName(role.group())).users().forEach(u -> {
                String sub = sub(u.attributes());
                users.putIfAbsent(sub, u);
                roles.computeIfAbsent(sub, k -> EnumSet.noneOf(Role.class)).add(role);
            });
        }
        return users.entrySet().stream()
                .map(e -> new StaffUser(e.getKey(), e.getValue().username(), roles.get(e.getKey()), e.getValue().enabled()))
                .toList();
    }

    @Override
    public Optional<StaffUser> find(String userId) {
        if (!userId.matches("[A-Za-z0-9-]{1,64}")) {
            return Optional.empty();
        }
        List<UserType> found = cognito.listUsers(b -> b.userPoolId(userPoolId).filter("sub = \"" + userId + "\"").limit(1)).users();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        UserType u = found.get(0);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        cognito.adminListGroupsForUser(b -> b.userPoolId(userPoolId).username(u.username())).groups().stream()
                .map(GroupType::groupName).forEach(g -> Role.ofGroup(g).ifPresent(roles::add));
        return Optional.of(new StaffUser(userId, u.username(), roles, u.enabled()));
    }

    @Override
    public Created create(String username, Role role) {
        String password = UserDirectory.temporaryPassword(random);
        UserType user;
        try {
            // No e-mail or SMS from Cognito: the administrator hands the temporary password over.
            user = cognito.adminCreateUser(b -> b.userPoolId(userPoolId).username(username).temporaryPassword(password)
                    .messageAction(MessageActionType.SUPPRESS)).user();
        } catch (UsernameExistsException e) {
            throw new IllegalArgumentException("a user with that name exists");
        }
        cognito.adminAddUserToGroup(b -> b.userPoolId(userPoolId).username(username).groupName(role.group()));
        return new Created(new StaffUser(sub(user.attributes()), username, EnumSet.of(role), true), password);
    }

    @Override
    public void disable(String userId) {
        StaffUser user = find(userId).orElseThrow(() -> new IllegalArgumentException("no such user"));
        cognito.adminDisableUser(b -> b.userPoolId(userPoolId).username(user.username()));
        // Signed-in sessions end too: refresh tokens stop working at once.
        cognito.adminUserGlobalSignOut(b -> b.userPoolId(userPoolId).username(user.username()));
    }

    private static String sub(List<AttributeType> attributes) {
        return attributes.stream().filter(a -> a.name().equals("sub")).map(AttributeType::value).findFirst()
                .orElseThrow(() -> new IllegalStateException("Cognito user without sub"));
    }
}
