package io.leadline.leadsapi;

import io.leadline.leads.Lead;
import io.leadline.leads.LeadCapture;
import io.leadline.privacy.PersonalFields;
import io.leadline.storage.Transaction;
import io.leadline.testing.TestEnvironment;
import io.leadline.users.LocalUserDirectory;
import io.leadline.users.Role;
import io.leadline.users.StaffUser;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A console API on DynamoDB Local with a team — two reps, a manager, an administrator — in the local
 * user directory, and leads seeded as capture stores them.
 */
final class Console {

    final TestEnvironment env;
    final TestLeadsApiComponent component;
    final ConsoleClient api;
    final LocalUserDirectory users;
    final ConsoleClient.User repA;
    final ConsoleClient.User repB;
    final ConsoleClient.User manager;
    final ConsoleClient.User admin;
    final String repAId;
    final String repBId;

    Console(Path dir) {
        this(dir, Map.of());
    }

    Console(Path dir, Map<String, String> settings) {
        env = TestEnvironment.create(dir, settings);
        users = new LocalUserDirectory(dir.resolve("users.json"), new SecureRandom(), env.clock);
        component = DaggerTestLeadsApiComponent.factory().create(env.config, env.platform, users);
        api = new ConsoleClient(component.api());
        repA = user("rep.a", Role.SALES_REP);
        repB = user("rep.b", Role.SALES_REP);
        manager = user("manager", Role.SALES_MANAGER);
        admin = user("admin", Role.ADMIN);
        repAId = repA.sub();
        repBId = repB.sub();
    }

    ConsoleClient.User user(String username, Role role) {
        StaffUser u = users.create(username, role).user();
        return new ConsoleClient.User(u.id(), username, "[" + role.group() + "]");
    }

    /** A lead as capture stores it: contact data encrypted under a fresh subject key; owned by {@code owner} (or unassigned). */
    Lead lead(String name, String email, String phone, String owner) {
        return lead("website-lead", name, email, phone, owner, env.clock.instant());
    }

    Lead lead(String flow, String name, String email, String phone, String owner, Instant created) {
        String subject = component.ids().newId();
        component.subjectKeys().create(subject, created.plus(Duration.ofDays(181)).getEpochSecond());
        Transaction tx = component.storage().begin();
        Lead lead = component.leadCapture().stage(tx, new LeadCapture.Request("c-" + component.ids().newId(), subject,
                Map.of("contact", PersonalFields.of(Map.of("name", name, "email", email, "phone", phone))),
                Map.of("interest", "demo"), Map.of("contact", Duration.ofDays(180)), flow, 1, "en", "test", false)).lead();
        tx.commit();
        if (owner == null && created.equals(lead.createdAt())) {
            return lead;
        }
        Lead changed = lead.toBuilder().owner(owner).createdAt(created).version(lead.version() + 1).build();
        component.leads().update(changed, lead.version());
        return changed;
    }

    Lead reload(Lead lead) {
        return component.leads().find(lead.id()).orElseThrow();
    }
}
