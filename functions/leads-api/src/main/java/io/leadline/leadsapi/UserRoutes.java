package io.leadline.leadsapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadline.audit.AuditLog;
import io.leadline.crypto.UnreadableDataException;
import io.leadline.http.ApiException;
import io.leadline.http.HttpRequest;
import io.leadline.http.HttpResponses;
import io.leadline.http.JsonBodies;
import io.leadline.leads.Lead;
import io.leadline.leads.LeadActivity;
import io.leadline.leads.LeadRepository;
import io.leadline.storage.ConcurrentUpdateException;
import io.leadline.users.Role;
import io.leadline.users.StaffUser;
import io.leadline.users.UserDirectory;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The team: who works leads, handing a rep's open leads to someone else in one action, and (for
 * administrators) creating and disabling users. Leads belong to the company: a rep who leaves does not
 * take them along.
 */
@Singleton
final class UserRoutes {

    static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{2,31}$");

    private final UserDirectory directory;
    private final StaffNames staff;
    private final LeadRepository leads;
    private final LeadActivity activity;
    private final LeadRoutes leadRoutes;
    private final AuditLog audit;
    private final JsonBodies bodies;
    private final HttpResponses responses;

    @Inject
    UserRoutes(UserDirectory directory, StaffNames staff, LeadRepository leads, LeadActivity activity,
               LeadRoutes leadRoutes, AuditLog audit, JsonBodies bodies, HttpResponses responses) {
        this.directory = directory;
        this.staff = staff;
        this.leads = leads;
        this.activity = activity;
        this.leadRoutes = leadRoutes;
        this.audit = audit;
        this.bodies = bodies;
        this.responses = responses;
    }

    APIGatewayV2HTTPResponse me(HttpRequest request) {
        Caller caller = Caller.from(request);
        ObjectNode body = responses.object();
        body.put("id", caller.userId());
        body.put("username", caller.username());
        ArrayNode roles = body.putArray("roles");
        caller.roles().stream().sorted().forEach(r -> roles.add(r.group()));
        return responses.json(200, body);
    }

    APIGatewayV2HTTPResponse list(HttpRequest request) {
        Caller.from(request).require(Role.SALES_MANAGER, Role.ADMIN);
        ObjectNode body = responses.object();
        ArrayNode users = body.putArray("users");
        staff.invalidate();
        directory.list().stream().sorted(Comparator.comparing(StaffUser::username)).forEach(u -> users.add(user(u)));
        return responses.json(200, body);
    }

    APIGatewayV2HTTPResponse create(HttpRequest request) {
        Caller caller = Caller.from(request).require(Role.ADMIN);
        ObjectNode body = bodies.object(request, LeadRoutes.MAX_BODY_BYTES);
        LeadRoutes.known(body, Set.of("username", "role"));
        String username = JsonBodies.requiredText(body, "username", 32).toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(username).matches()) {
            throw ApiException.badRequest("invalid_field", "'username' is 3-32 of a-z, 0-9, '.', '_', '-'");
        }
        Role role = Role.ofGroup(JsonBodies.requiredText(body, "role", 20))
                .orElseThrow(() -> ApiException.badRequest("invalid_field", "'role' is sales-rep, sales-manager or admin"));
        UserDirectory.Created created;
        try {
            created = directory.create(username, role);
        } catch (IllegalArgumentException e) {
            throw ApiException.conflict("user_exists", "a user with that name exists");
        }
        staff.invalidate();
        audit.append(caller.actor(), "user.create", "user", created.user().id(), request.requestId(), Map.of("role", role.group()));
        ObjectNode out = responses.object();
        out.set("user", user(created.user()));
        out.put("temporaryPassword", created.temporaryPassword());
        return responses.json(201, out);
    }

    /** Every open lead of one user to another (or back to the unassigned queue), in one action. */
    APIGatewayV2HTTPResponse handover(HttpRequest request) {
        Caller caller = Caller.from(request).require(Role.SALES_MANAGER, Role.ADMIN);
        String from = userId(request);
        ObjectNode body = bodies.object(request, LeadRoutes.MAX_BODY_BYTES);
        LeadRoutes.known(body, Set.of("to"));
        Optional<String> to = JsonBodies.optionalText(body, "to", 64);
        if (to.isPresent() && to.get().equals(from)) {
            throw ApiException.badRequest("invalid_assignee", "hand leads over to someone else");
        }
        to.ifPresent(leadRoutes::assignee);
        int moved = moveOpenLeads(from, to.orElse(null));
        audit.append(caller.actor(), "user.handover", "user", from, request.requestId(),
                Map.of("to", to.orElse(Lead.UNASSIGNED), "leads", Integer.toString(moved)));
        ObjectNode out = responses.object();
        out.put("moved", moved);
        return responses.json(200, out);
    }

    /** Disabling a user ends their sign-ins and hands their open leads to a successor or the queue. */
    APIGatewayV2HTTPResponse disable(HttpRequest request) {
        Caller caller = Caller.from(request).require(Role.ADMIN);
        String userId = userId(request);
        if (userId.equals(caller.userId())) {
            throw ApiException.badRequest("invalid_field", "you cannot disable yourself");
        }
        ObjectNode body = request.body().length == 0 ? responses.object() : bodies.object(request, LeadRoutes.MAX_BODY_BYTES);
        LeadRoutes.known(body, Set.of("successor"));
        Optional<String> successor = JsonBodies.optionalText(body, "successor", 64);
        successor.ifPresent(leadRoutes::assignee);
        StaffUser user = staff.find(userId).orElseThrow(() -> ApiException.notFound("no such user"));
        directory.disable(user.id());
        staff.invalidate();
        int moved = moveOpenLeads(user.id(), successor.orElse(null));
        audit.append(caller.actor(), "user.disable", "user", user.id(), request.requestId(),
                Map.of("successor", successor.orElse(Lead.UNASSIGNED), "leads", Integer.toString(moved)));
        ObjectNode out = responses.object();
        out.put("moved", moved);
        return responses.json(200, out);
    }

    private int moveOpenLeads(String from, String to) {
        List<Lead> open = leads.ownedBy(from).stream().filter(l -> l.status().open()).toList();
        int moved = 0;
        for (Lead lead : open) {
            // Retried on a concurrent change: the handover must not leave a lead behind.
            for (int attempt = 0; attempt < 3; attempt++) {
                Lead current = attempt == 0 ? lead : leads.find(lead.id()).orElse(null);
                if (current == null || !from.equals(current.owner()) || !current.status().open()) {
                    break;
                }
                try {
                    Lead updated = activity.touch(current).toBuilder().owner(to).version(current.version() + 1).build();
                    leads.update(updated, current.version());
                    activity.extendDependents(updated);
                    moved++;
                    break;
                } catch (ConcurrentUpdateException retry) {
                    // someone changed it meanwhile: read it again
                } catch (UnreadableDataException e) {
                    if (!e.keyGone()) {
                        throw e;
                    }
                    break; // its subject is being erased (keys go first): the lead goes with it, not to anyone
                }
            }
        }
        return moved;
    }

    private ObjectNode user(StaffUser u) {
        ObjectNode o = responses.object();
        o.put("id", u.id());
        o.put("username", u.username());
        o.put("enabled", u.enabled());
        ArrayNode roles = o.putArray("roles");
        u.roles().stream().sorted().forEach(r -> roles.add(r.group()));
        o.put("openLeads", u.canOwnLeads() || !u.enabled() ? leads.ownedBy(u.id()).stream().filter(l -> l.status().open()).count() : 0);
        return o;
    }

    private static String userId(HttpRequest request) {
        return request.pathParameter("id").filter(i -> LeadRoutes.ID.matcher(i).matches())
                .orElseThrow(() -> ApiException.notFound("no such user"));
    }
}
