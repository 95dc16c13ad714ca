package io.leadline.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.BindsInstance;
import dagger.Component;
import io.leadline.audit.AuditEntry;
import io.leadline.audit.AuditLog;
import io.leadline.config.LeadlineConfig;
import io.leadline.di.Platform;
import io.leadline.di.SharedModule;
import io.leadline.leads.Lead;
import io.leadline.leads.LeadNotes;
import io.leadline.leads.LeadStatus;
import io.leadline.users.Role;
import io.leadline.users.StaffUser;
import io.leadline.users.UserDirectory;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * web/tests/console.e2e.mjs in headless Chromium against the local product: the sales console from
 * sign-in with TOTP to handover and erasure (see the script for the story). This class makes the
 * users and seeds the leads the story needs, then checks what the console left in storage: the
 * claimed lead's owner and status, the complaint kept (and encrypted), the reveals audited, the
 * handed-over leads with their new owner, the erased subject gone, and the audit chain intact.
 */
class ConsoleBrowserE2ETest {

    static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>";

    @TempDir
    Path data;

    private LocalProduct product;

    @RegisterExtension
    final RunningProduct running = new RunningProduct();

    /** What the checks afterwards read beyond StoredData: notes and the audit log. */
    @Singleton
    @Component(modules = SharedModule.class)
    interface Records {
        LeadNotes notes();

        AuditLog audit();

        @Component.Factory
        interface Factory {
            Records create(@BindsInstance LeadlineConfig config, @BindsInstance Platform platform);
        }
    }

    @Test
    void theSalesTeamWorksLeadsThroughTheConsole() throws Exception {
        product = running.start(data);
        LocalProduct.FirstAdmin admin = product.firstAdmin().orElseThrow();
        StoredData stored = StoredData.of(product);

        // The first rep signs in for the first time in the browser: temporary password, MFA set-up.
        UserDirectory.Created newRep = product.users().create("an.rep", Role.SALES_REP);
        // Users whose sign-in is not the point: a known password and authenticator secret.
        StaffUser manager = known("mai.manager", Role.SALES_MANAGER, "Manager-Passw0rd!", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
        StaffUser binh = known("binh.rep", Role.SALES_REP, "Binh-Passw0rd!!", "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU");
        StaffUser chi = known("chi.rep", Role.SALES_REP, "Chi-Passw0rd!!!", "MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK");

        // More leads than one page of the list holds (25): the rep loads more.
        for (int i = 1; i <= 25; i++) {
            stored.seedLead(Map.of("name", "Filler Lead " + i, "email", "filler" + i + "@example.org",
                    "phone", "+849000001" + String.format("%02d", i)), Map.of("interest", "pricing"));
        }
        Lead hostile = stored.seedLead(Map.of("name", HOSTILE_NAME, "email", "hostile@example.org", "phone", "+84900000001"),
                Map.of("interest", "demo"));
        Lead binhOne = owned(stored, stored.seedLead(Map.of("name", "Binh Customer One", "email", "one@example.org",
                "phone", "+84900000011"), Map.of("interest", "pricing")), binh);
        Lead binhTwo = owned(stored, stored.seedLead(Map.of("name", "Binh Customer Two", "email", "two@example.org",
                "phone", "+84900000012"), Map.of("interest", "demo")), binh);
        // Captured two days ago and never contacted: past the 24-hour follow-up.
        Lead late = stored.seedLead(Map.of("name", "Olga Overdue", "email", "olga@example.org", "phone", "+84900000021"),
                Map.of("interest", "demo"));
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
        stored.leads().update(late.toBuilder().createdAt(twoDaysAgo).lastActivityAt(twoDaysAgo)
                .version(late.version() + 1).build(), late.version());

        Map<String, Object> context = new LinkedHashMap<>();
        context.put("admin", Map.of("username", admin.username(), "password", admin.password(), "totpSecret", admin.totpSecret()));
        context.put("newRep", Map.of("username", newRep.user().username(), "temporaryPassword", newRep.temporaryPassword()));
        context.put("manager", Map.of("username", manager.username(), "password", "Manager-Passw0rd!",
                "totpSecret", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"));
        context.put("users", Map.of(
                "binh", Map.of("id", binh.id(), "username", binh.username()),
                "chi", Map.of("id", chi.id(), "username", chi.username())));
        context.put("leads", Map.of(
                "hostile", hostile.id(), "hostileEmail", "hostile@example.org",
                "binh", List.of(binhOne.id(), binhTwo.id()), "binhName", "Binh Customer One", "binhMasked", "B*** C*** O***",
                "overdueMasked", "O*** O***"));

        BrowserScript.run("console.e2e.mjs", "http://127.0.0.1:" + product.port(),
                Map.of("LEADLINE_CONSOLE_E2E", new ObjectMapper().writeValueAsString(context)));

        // The widget lead: claimed by the new rep, contacted, then moved on to qualified.
        List<Lead> leads = RawTables.items(product, product.config().tables().leads()).stream()
                .map(i -> stored.leads().find(i.get("id").s()).orElseThrow()).toList();
        Lead widget = leads.stream().filter(l -> stored.leadCapture().reveal(l).get("contact") != null
                && "Zed Widgetson".equals(stored.leadCapture().reveal(l).get("contact").get("name").orElse(null)))
                .findFirst().orElseThrow(() -> new AssertionError("the widget lead is stored"));
        assertEquals(newRep.user().id(), widget.owner(), "claimed by the rep");
        assertEquals(LeadStatus.QUALIFIED, widget.status(), "contacted in the UI, qualified meanwhile");
        assertNotNull(widget.firstContactAt(), "first contact recorded");

        Records records = DaggerConsoleBrowserE2ETest_Records.factory().create(product.config(), product.platform());
        List<LeadNotes.Note> notes = records.notes().read(widget);
        assertEquals(1, notes.size(), "the complaint, and nothing deleted it");
        assertEquals("complaint", notes.get(0).kind());
        assertEquals(newRep.user().id(), notes.get(0).authorId());
        assertEquals("Visitor complained that <b>nobody</b> called back.", notes.get(0).text());

        // Handed over: binh's open leads now chi's; the hostile lead was erased by the administrator.
        assertEquals(chi.id(), stored.leads().find(binhOne.id()).orElseThrow().owner());
        assertEquals(chi.id(), stored.leads().find(binhTwo.id()).orElseThrow().owner());
        assertTrue(stored.leads().find(hostile.id()).isEmpty(), "erased");
        assertEquals(null, stored.leads().find(late.id()).orElseThrow().owner(), "the overdue lead is still waiting");

        // Audited: every reveal, change and erasure; never the personal data itself; the chain intact.
        List<AuditEntry> audit = records.audit().newest(200, null);
        assertTrue(audit.stream().anyMatch(e -> e.action().equals("lead.reveal") && e.targetId().equals(widget.id())
                && e.actor().equals("user:" + newRep.user().id())), "the rep's reveal is audited");
        assertTrue(audit.stream().anyMatch(e -> e.action().equals("lead.claim") && e.targetId().equals(widget.id())));
        assertTrue(audit.stream().anyMatch(e -> e.action().equals("lead.status") && e.targetId().equals(widget.id())
                && "contacted".equals(e.details().get("to"))));
        assertTrue(audit.stream().anyMatch(e -> e.action().equals("lead.note") && e.targetId().equals(widget.id())
                && "complaint".equals(e.details().get("kind"))));
        assertTrue(audit.stream().anyMatch(e -> e.action().equals("lead.assign") && e.targetId().equals(hostile.id())));
        assertTrue(audit.stream().anyMatch(e -> e.action().equals("user.handover") && e.targetId().equals(binh.id())
                && "3".equals(e.details().get("leads"))));
        assertTrue(audit.stream().anyMatch(e -> e.action().equals("user.create")));
        assertTrue(audit.stream().anyMatch(e -> e.action().equals("subject.export")));
        assertTrue(audit.stream().anyMatch(e -> e.action().equals("subject.erase")));
        assertFalse(audit.stream().anyMatch(e -> e.actor().equals("user:" + newRep.user().id())
                && e.targetId().equals(binhOne.id())), "the refused look at another rep's lead revealed nothing");
        assertTrue(records.audit().verify().valid(), "the chain verifies");
        String auditText = RawTables.items(product, product.config().tables().audit()).toString();
        assertFalse(auditText.contains("Zed Widgetson") || auditText.contains("zed.widgetson"), "no personal data in the audit log");

        // What the console wrote is encrypted at rest like everything else.
        RawTables.assertNowhere(product, "Zed Widgetson", "zed.widgetson@example.org", "905551234",
                "nobody</b> called back", "onerror=alert(2)", HOSTILE_NAME, "hostile@example.org");
        assertFalse(product.users().account("dung.rep").orElseThrow().user().enabled(), "created, then disabled");
        assertTrue(audit.stream().anyMatch(e -> e.action().equals("user.disable")));
    }

    private StaffUser known(String username, Role role, String password, String totpSecret) {
        StaffUser user = product.users().create(username, role).user();
        product.users().setPassword(user.id(), password.toCharArray());
        product.users().setTotpSecret(user.id(), totpSecret);
        return user;
    }

    private static Lead owned(StoredData stored, Lead lead, StaffUser owner) {
        Lead updated = lead.toBuilder().owner(owner.id()).version(lead.version() + 1).build();
        stored.leads().update(updated, lead.version());
        return updated;
    }
}
