package io.leadline.privacy;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes what identifies a person from free text typed before consent: e-mail addresses, phone
 * numbers and card-like numbers (any run of 7+ digits, spaces, dots or dashes counts). What is left
 * may be kept for the short unconsented retention.
 */
@Singleton
public final class Redactor {

    @Inject
    public Redactor() {
    }

    public static final String EMAIL = "[email]";
    public static final String CARD = "[card]";
    public static final String PHONE = "[phone]";

    private static final Pattern EMAIL_PATTERN = Pattern.compile(
            "[\\p{L}\\p{N}._%+'-]+\\s*(?:@|＠|\\(at\\)|\\[at\\])\\s*[\\p{L}\\p{N}-]+(?:\\s*(?:\\.|\\(dot\\)|\\[dot\\])\\s*[\\p{L}\\p{N}-]+)+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    // Digits in any script (\p{Nd}), with the separators people type in numbers.
    private static final Pattern NUMBER_RUN = Pattern.compile("\\+?\\(?\\p{Nd}(?:[\\p{Nd}\\s().\\-/]*\\p{Nd})?");

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String noEmails = EMAIL_PATTERN.matcher(text).replaceAll(EMAIL);
        Matcher m = NUMBER_RUN.matcher(noEmails);
        StringBuilder out = new StringBuilder(noEmails.length());
        while (m.find()) {
            int digits = countDigits(m.group());
            String replacement = digits >= 13 && digits <= 19 ? CARD : digits >= 7 ? PHONE : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static int countDigits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }
}
