package io.leadline.privacy;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PersonalFieldsTest {

    @Test
    void toStringNamesFieldsButNeverValues() {
        PersonalFields p = PersonalFields.of(Map.of("name", "Nguyễn Văn An", "email", "an@example.com"));
        String s = p.toString() + " " + String.valueOf(p);
        assertFalse(s.contains("Nguyễn"));
        assertFalse(s.contains("an@example.com"));
        assertEquals("PersonalFields[email, name](values hidden)", p.toString());
    }

    @Test
    void roundTripsThroughJsonIncludingHostileText() {
        PersonalFields p = PersonalFields.of(Map.of("name", "\"}<img src=x>\u0000\uD83D\uDE00", "phone", "+84912345678"));
        assertEquals(p, PersonalFields.fromJson(p.toJson()));
    }
}
