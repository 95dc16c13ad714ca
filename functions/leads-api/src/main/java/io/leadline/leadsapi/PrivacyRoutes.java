package io.leadline.leadsapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadline.http.ApiException;
import io.leadline.http.HttpRequest;
import io.leadline.http.HttpResponses;
import io.leadline.http.JsonBodies;
import io.leadline.privacy.ContactNormalizer;
import io.leadline.privacy.DataSubjects;
import io.leadline.privacy.Erasure;
import io.leadline.users.Role;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.Set;

/**
 * Data-subject rights, for administrators: export or erase everything held about an e-mail address
 * or phone number. The address travels in the request body, never in a URL.
 */
@Singleton
public final class PrivacyRoutes {

    static final int MAX_BODY_BYTES = 2 * 1024;

    private final DataSubjects subjects;
    private final ContactNormalizer contacts;
    private final JsonBodies bodies;
    private final HttpResponses responses;

    @Inject
    public PrivacyRoutes(DataSubjects subjects, ContactNormalizer contacts, JsonBodies bodies, HttpResponses responses) {
        this.subjects = subjects;
        this.contacts = contacts;
        this.bodies = bodies;
        this.responses = responses;
    }

    APIGatewayV2HTTPResponse export(HttpRequest request) {
        Caller caller = Caller.from(request).require(Role.ADMIN);
        DataSubjects.Subject subject = subject(request);
        return responses.json(200, subjects.export(subject, caller.actor(), request.requestId()));
    }

    APIGatewayV2HTTPResponse erase(HttpRequest request) {
        Caller caller = Caller.from(request).require(Role.ADMIN);
        DataSubjects.Subject subject = subject(request);
        Erasure.Report report = subjects.erase(subject, caller.actor(), request.requestId());
        ObjectNode body = responses.object();
        ObjectNode erased = body.putObject("erased");
        erased.put("conversations", report.conversations());
        erased.put("leads", report.leads());
        erased.put("items", report.items());
        erased.put("keys", report.keys());
        return responses.json(200, body);
    }

    private DataSubjects.Subject subject(HttpRequest request) {
        ObjectNode body = bodies.object(request, MAX_BODY_BYTES);
        body.fieldNames().forEachRemaining(name -> {
            if (!Set.of("email", "phone").contains(name)) {
                throw ApiException.badRequest("unknown_field", "only 'email' and 'phone' are accepted");
            }
        });
        Optional<String> email = JsonBodies.optionalText(body, "email", 254).map(raw -> contacts.email(raw)
                .orElseThrow(() -> ApiException.badRequest("invalid_field", "'email' is not a valid e-mail address")));
        Optional<String> phone = JsonBodies.optionalText(body, "phone", 40).map(raw -> contacts.phone(raw)
                .orElseThrow(() -> ApiException.badRequest("invalid_field", "'phone' is not a valid phone number")));
        if (email.isEmpty() && phone.isEmpty()) {
            throw ApiException.badRequest("missing_field", "give 'email' or 'phone' (or both)");
        }
        return new DataSubjects.Subject(email, phone);
    }
}
