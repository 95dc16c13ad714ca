package io.leadline.privacy;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * How personal data looks in lists and to staff who may not see it in full: enough to tell leads
 * apart, not enough to contact or identify anyone.
 */
@Singleton
public final class Masks {

    @Inject
    public Masks() {
    }

    /** "Nguyễn Văn An" → "N*** V*** A***". */
    public String name(String name) {
        StringBuilder sb = new StringBuilder();
        for (String word : name.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.appendCodePoint(word.codePointAt(0)).append("***");
        }
        return sb.toString();
    }

    /** "an.nguyen@example.vn" → "a***@e***.vn". */
    public String email(String email) {
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        String domain = email.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String tld = dot > 0 ? domain.substring(dot) : "";
        return email.charAt(0) + "***@" + (domain.isEmpty() ? "" : domain.charAt(0)) + "***" + tld;
    }

    /** "+84912345678" → "+84 *** *** *78". */
    public String phone(String e164) {
        String digits = e164.replaceAll("\\D", "");
        if (digits.length() < 4) {
            return "***";
        }
        String country = e164.startsWith("+84") ? "+84 " : "+";
        return country + "*** *** *" + digits.substring(digits.length() - 2);
    }

    /** Free text: its length only. */
    public String text(String text) {
        return "[" + text.codePointCount(0, text.length()) + " characters]";
    }
}
