package io.leadline.leadsapi;

import io.leadline.http.ApiException;
import io.leadline.leads.Lead;
import io.leadline.users.Role;

/**
 * Who may do what with a lead. Managers and administrators: everything. A rep: sees their own and
 * unassigned leads, works (status, notes) only their own, and sees a lead's e-mail and phone only
 * once it is theirs.
 */
final class LeadAccess {

    private LeadAccess() {
    }

    static boolean supervises(Caller caller) {
        return caller.has(Role.SALES_MANAGER) || caller.has(Role.ADMIN);
    }

    static boolean canSee(Caller caller, Lead lead) {
        return supervises(caller) || (caller.has(Role.SALES_REP) && (lead.owner() == null || lead.owner().equals(caller.userId())));
    }

    static boolean seesContact(Caller caller, Lead lead) {
        return supervises(caller) || caller.userId().equals(lead.owner());
    }

    static Lead visible(Caller caller, Lead lead) {
        if (!canSee(caller, lead)) {
            throw ApiException.forbidden("this lead belongs to another rep");
        }
        return lead;
    }

    static Lead workable(Caller caller, Lead lead) {
        visible(caller, lead);
        if (!supervises(caller) && !caller.userId().equals(lead.owner())) {
            throw ApiException.forbidden("claim this lead before working on it");
        }
        return lead;
    }
}
