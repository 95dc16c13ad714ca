package io.leadline.privacy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RedactorTest {

    private final Redactor redactor = new Redactor();

    @Test
    void redactsEmailAddresses() {
        assertEquals("write to [email] please", redactor.redact("write to an.nguyen+crm@example.com.vn please"));
        assertEquals("[email]", redactor.redact("AN@EXAMPLE.COM"));
        assertEquals("mail [email]", redactor.redact("mail an (at) example (dot) com"));
    }

    @Test
    void redactsPhoneNumbersInTheShapesPeopleTypeThem() {
        assertEquals("call [phone]", redactor.redact("call 0912 345 678"));
        assertEquals("call [phone] now", redactor.redact("call +84 91-234-5678 now"));
        assertEquals("[phone]", redactor.redact("(028) 3822 1234"));
    }

    @Test
    void redactsCardLikeNumbers() {
        assertEquals("card [card] exp 12/27", redactor.redact("card 4111 1111 1111 1111 exp 12/27"));
        assertEquals("[card]", redactor.redact("4111-1111-1111-1111"));
    }

    @Test
    void keepsOrdinaryTextAndShortNumbers() {
        assertEquals("I want 3 licences for 2026", redactor.redact("I want 3 licences for 2026"));
        assertEquals("Tôi cần báo giá cho 50 người dùng", redactor.redact("Tôi cần báo giá cho 50 người dùng"));
    }

    @Test
    void redactsDigitsOfOtherScripts() {
        assertFalse(redactor.redact("٠٩١٢٣٤٥٦٧٨").contains("٠٩١"));
    }
}
