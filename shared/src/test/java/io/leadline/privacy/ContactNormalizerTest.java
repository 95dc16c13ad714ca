package io.leadline.privacy;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContactNormalizerTest {

    private final ContactNormalizer n = new ContactNormalizer();

    @Test
    void normalisesVietnamesePhoneNumbersToE164() {
        assertEquals(Optional.of("+84912345678"), n.phone("0912 345 678"));
        assertEquals(Optional.of("+84912345678"), n.phone("+84 912-345-678"));
        assertEquals(Optional.of("+842838221234"), n.phone("(028) 3822 1234"));
    }

    @Test
    void acceptsForeignNumbersWithTheirCountryCode() {
        assertEquals(Optional.of("+14155552671"), n.phone("+1 415 555 2671"));
    }

    @Test
    void rejectsWhatIsNoPhoneNumber() {
        assertTrue(n.phone("12").isEmpty());
        assertTrue(n.phone("call me").isEmpty());
        assertTrue(n.phone("9".repeat(60)).isEmpty());
        assertTrue(n.phone(null).isEmpty());
    }

    @Test
    void normalisesAndValidatesEmail() {
        assertEquals(Optional.of("an.nguyen@example.com.vn"), n.email("  An.Nguyen@Example.com.vn "));
        assertTrue(n.email("not-an-email").isEmpty());
        assertTrue(n.email("a@b").isEmpty());
        assertTrue(n.email("a..b@example.com").isEmpty());
        assertTrue(n.email("x".repeat(250) + "@example.com").isEmpty());
        assertTrue(n.email("<script>@example.com").isEmpty());
    }

    @Test
    void acceptsNamesInAnyScript() {
        assertEquals(Optional.of("Nguyễn Văn An"), n.name("  Nguyễn   Văn An "));
        assertEquals(Optional.of("王小明"), n.name("王小明"));
        assertEquals(Optional.of("O'Brien-Smith"), n.name("O'Brien-Smith"));
    }

    @Test
    void rejectsNamesThatAreNotNames() {
        assertTrue(n.name("").isEmpty());
        assertTrue(n.name("<img src=x onerror=alert(1)>").isEmpty());
        assertTrue(n.name("an@example.com").isEmpty());
        assertTrue(n.name("0912345678").isEmpty());
        assertTrue(n.name("a".repeat(101)).isEmpty());
    }
}
