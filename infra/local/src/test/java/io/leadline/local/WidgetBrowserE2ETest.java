package io.leadline.local;


import io.leadline.leads.Lead;
import io.leadline.privacy.PersonalFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The widget in headless Chromium against the local product (web/tests/widget.e2e.mjs), then a look
 * at what was stored: one lead, its personal data readable only through decryption.
 */
class WidgetBrowserE2ETest {

    @TempDir
    Path data;

    private LocalProduct product;

    @RegisterExtension
    final RunningProduct running = new RunningProduct();

    @Test
    void aVisitorChatsThroughTheWidgetToAnEncryptedLead() throws Exception {
        product = running.start(data);
        BrowserScript.run("widget.e2e.mjs", "http://127.0.0.1:" + product.port());

        var dynamo = product.platform().dynamo();
        List<Map<String, AttributeValue>> leads = dynamo.scan(b -> b.tableName(product.config().tables().leads())).items();
        assertEquals(1, leads.size(), "one visitor consented and left their details; the form bot left none");
        StoredData stored = StoredData.of(product);
        Lead lead = stored.leads().find(leads.get(0).get("id").s()).orElseThrow();
        PersonalFields contact = stored.leadCapture().reveal(lead).get("contact");
        assertEquals("Trần Thị Bích", contact.get("name").orElseThrow());
        assertEquals("bich.tran@example.vn", contact.get("email").orElseThrow());
        assertEquals("+84987654321", contact.get("phone").orElseThrow());
        assertEquals("demo", lead.answers().get("interest"));

        RawTables.assertNowhere(product, "Trần Thị Bích", "bich.tran@example.vn", "987654321", "onerror",
                "Form Bot", "formbot@spam.example", "977111222");
        assertEquals(1, RawTables.items(product, product.config().tables().conversations()).stream()
                .filter(i -> "honeypot".equals(i.getOrDefault("botSignal", AttributeValue.fromS("")).s())).count(),
                "the form bot's conversation is marked");
    }

}
