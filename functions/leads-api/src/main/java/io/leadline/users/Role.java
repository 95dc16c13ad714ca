package io.leadline.users;

import java.util.Optional;

/** The console's roles, as Cognito groups name them. */
public enum Role {
    SALES_REP("sales-rep"),
    SALES_MANAGER("sales-manager"),
    ADMIN("admin");

    private final String group;

    Role(String group) {
        this.group = group;
    }

    public String group() {
        return group;
    }

    public static Optional<Role> ofGroup(String group) {
        for (Role r : values()) {
            if (r.group.equals(group)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
