package io.leadline.users;

import java.util.List;
import java.util.Optional;

/**
 * Where console users live: the Cognito user pool in AWS, the local runner's sign-in service on a
 * laptop. Passwords and TOTP secrets never pass through here.
 */
public interface UserDirectory {

    List<StaffUser> list();

    Optional<StaffUser> find(String userId);

    /** Creates a user in one role with a temporary password, to be changed at first sign-in. */
    Created create(String username, Role role);

    void disable(String userId);

    /** A new user and the temporary password to hand them (shown once, never stored by us). */
    record Created(StaffUser user, String temporaryPassword) {
        @Override
        public String toString() {
            return "Created[" + user + ", password hidden]";
        }
    }

    /** 12+ characters with upper and lower case, digits and symbols: what the pool's policy asks. */
    static String temporaryPassword(java.security.SecureRandom random) {
        String upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        String lower = "abcdefghijkmnopqrstuvwxyz";
        String digits = "23456789";
        String symbols = "!#%+-=?@";
        String all = upper + lower + digits + symbols;
        StringBuilder sb = new StringBuilder();
        for (String set : List.of(upper, lower, digits, symbols)) {
            sb.append(set.charAt(random.nextInt(set.length())));
        }
        while (sb.length() < 16) {
            sb.append(all.charAt(random.nextInt(all.length())));
        }
        // Shuffle so the character classes are not in a fixed order.
        for (int i = sb.length() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char c = sb.charAt(i);
            sb.setCharAt(i, sb.charAt(j));
            sb.setCharAt(j, c);
        }
        return sb.toString();
    }
}
