package io.leadline.local;


import io.leadline.leads.Lead;
import io.leadline.privacy.PersonalFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * web/tests/flows.e2e.mjs in headless Chromium against the local product, then what it left in
 * storage: the Vietnamese lead and the handed-off support request encrypted; nothing of the visitor
 * who typed an e-mail address and declined; nothing of the visitor who withdrew.
 */
class FlowsBrowserE2ETest {

    @TempDir
    Path data;

    private LocalProduct product;

    @RegisterExtension
    final RunningProduct running = new RunningProduct();

    @Test
    void flowsThroughTheWidgetLeaveExactlyWhatWasConsentedTo() throws Exception {
        product = running.start(data);
        BrowserScript.run("flows.e2e.mjs", "http://127.0.0.1:" + product.port());

        StoredData stored = StoredData.of(product);
        List<Lead> leads = RawTables.items(product, product.config().tables().leads()).stream()
                .map(i -> stored.leads().find(i.get("id").s()).orElseThrow()).toList();
        assertEquals(2, leads.size(), "the Vietnamese lead and the support request; the withdrawn lead is gone");

        Lead vi = leads.stream().filter(l -> "vi".equals(l.locale())).findFirst().orElseThrow();
        PersonalFields contact = stored.leadCapture().reveal(vi).get("contact");
        assertEquals("Nguyễn Văn An", contact.get("name").orElseThrow());
        assertEquals("an.nguyen@example.vn", contact.get("email").orElseThrow());
        assertEquals("+84912345678", contact.get("phone").orElseThrow());
        assertEquals("demo", vi.answers().get("interest"));

        Lead support = leads.stream().filter(Lead::handoff).findFirst().orElseThrow();
        PersonalFields request = stored.leadCapture().reveal(support).get("support");
        assertEquals("Lê Văn Tám", request.get("name").orElseThrow());
        assertEquals("The export button does nothing since this morning.", request.get("details").orElseThrow());
        assertEquals("blocked", support.answers().get("urgency"));

        // The visitor who typed contact details before declining: only the redacted text remains.
        String everything = RawTables.everything(product);
        assertTrue(everything.contains("just e-mail me: [email] or call [phone]"), "kept redacted, for 24 hours");
        RawTables.assertNowhere(product, "decline.me@example.org", "decline.me", "0933 222 111", "933222111",
                "withdraw.tester", "Withdraw Tester", "901112233",
                "Nguyễn Văn An", "an.nguyen@example.vn", "912345678", "Lê Văn Tám", "tam.le@example.vn", "export button");

        var decisions = RawTables.items(product, product.config().tables().consent()).stream()
                .map(i -> i.get("decision").s()).sorted().toList();
        assertEquals(List.of("DECLINED", "GRANTED", "GRANTED", "GRANTED", "WITHDRAWN"), decisions);
        long subjectKeys = RawTables.items(product, product.config().tables().keys()).stream()
                .filter(i -> "subject".equals(i.get("kind").s())).count();
        assertEquals(2, subjectKeys, "keys only for the two subjects whose data is still held");
    }
}
