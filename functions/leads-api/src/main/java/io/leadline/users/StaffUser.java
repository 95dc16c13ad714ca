package io.leadline.users;

import java.util.Set;

/**
 * A console user: a sales rep, manager or administrator. {@code id} is the identity provider's
 * stable subject ({@code sub}); leads name their owner by it.
 */
public record StaffUser(String id, String username, Set<Role> roles, boolean enabled) {

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Who can hold leads: reps and managers. */
    public boolean canOwnLeads() {
        return enabled && (roles.contains(Role.SALES_REP) || roles.contains(Role.SALES_MANAGER));
    }
}
