package io.leadline.leadsapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadline.audit.AuditEntry;
import io.leadline.audit.AuditLog;
import io.leadline.http.ApiException;
import io.leadline.http.HttpRequest;
import io.leadline.http.HttpResponses;
import io.leadline.users.Role;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The audit log for managers and administrators, newest first, with the chain's verification. */
@Singleton
final class AuditRoutes {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;

    private final AuditLog audit;
    private final ObjectMapper json;
    private final HttpResponses responses;

    @Inject
    AuditRoutes(AuditLog audit, ObjectMapper json, HttpResponses responses) {
        this.audit = audit;
        this.json = json;
        this.responses = responses;
    }

    APIGatewayV2HTTPResponse list(HttpRequest request) {
        Caller.from(request).require(Role.SALES_MANAGER, Role.ADMIN);
        Map<String, String> q = request.queryParameters();
        LeadRoutes.known(q, Set.of("before", "limit"));
        Long before = q.containsKey("before") ? number(q.get("before"), "before", 1, Long.MAX_VALUE) : null;
        int limit = q.containsKey("limit") ? (int) number(q.get("limit"), "limit", 1, MAX_PAGE) : DEFAULT_PAGE;
        List<AuditEntry> entries = audit.newest(limit, before);
        ObjectNode body = responses.object();
        ArrayNode list = body.putArray("entries");
        for (AuditEntry e : entries) {
            ObjectNode o = list.addObject();
            o.put("seq", e.seq());
            o.put("at", e.at().toString());
            o.put("actor", e.actor());
            o.put("action", e.action());
            o.put("targetType", e.targetType());
            o.put("targetId", e.targetId());
            o.put("requestId", e.requestId());
            o.set("details", json.valueToTree(e.details()));
            o.put("hash", e.hash());
        }
        if (entries.size() == limit && entries.get(entries.size() - 1).seq() > 1) {
            body.put("nextBefore", entries.get(entries.size() - 1).seq());
        } else {
            body.putNull("nextBefore");
        }
        AuditLog.Verification v = audit.verify();
        ObjectNode verification = body.putObject("verification");
        verification.put("valid", v.valid());
        verification.put("entries", v.entries());
        if (!v.valid()) {
            verification.put("brokenAt", v.brokenAt());
            verification.put("reason", v.reason());
        }
        return responses.json(200, body);
    }

    private static long number(String value, String name, long min, long max) {
        return QueryNumbers.inRange(value, min, max)
                .orElseThrow(() -> ApiException.badRequest("invalid_field", "'" + name + "' is a number from " + min + " to " + max));
    }
}
