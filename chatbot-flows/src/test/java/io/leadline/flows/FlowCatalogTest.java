package io.leadline.flows;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowCatalogTest {

    private final FlowCatalog catalog = FlowCatalog.fromClasspath(new FlowLoader());

    @Test
    void shipsWebsiteLeadInVietnameseAndEnglish() {
        assertTrue(catalog.locales("website-lead").containsAll(Set.of("vi", "en")));
    }

    @Test
    void findsTheVisitorsLanguageThenFallsBack() {
        assertEquals("vi", catalog.find("website-lead", "vi-VN").orElseThrow().locale());
        assertEquals("en", catalog.find("website-lead", "en_GB").orElseThrow().locale());
        assertEquals("en", catalog.find("website-lead", "fr").orElseThrow().locale());
        assertTrue(catalog.find("no-such-flow", "en").isEmpty());
    }
}
