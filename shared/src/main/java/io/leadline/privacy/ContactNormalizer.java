package io.leadline.privacy;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates and normalises contact details: e-mail lower-cased and trimmed, phone numbers to E.164
 * with Vietnam as the default region. The same normal form feeds duplicate detection.
 */
@Singleton
public final class ContactNormalizer {

    @Inject
    public ContactNormalizer() {
    }

    public static final String DEFAULT_REGION = "VN";
    public static final int MAX_EMAIL_LENGTH = 254;
    public static final int MAX_NAME_LENGTH = 100;

    private static final Pattern EMAIL = Pattern.compile(
            "^[\\p{L}\\p{N}.!#$%&'*+/=?^_`{|}~-]{1,64}@(?=.{1,253}$)(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+[\\p{L}]{2,63}$");
    // Letters of any script, combining marks, spaces and the punctuation names carry.
    private static final Pattern NAME = Pattern.compile("^[\\p{L}\\p{M}][\\p{L}\\p{M} .'’\\-]*$");

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    public Optional<String> email(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
        if (s.length() > MAX_EMAIL_LENGTH || s.contains("..") || !EMAIL.matcher(s).matches()) {
            return Optional.empty();
        }
        return Optional.of(s.toLowerCase(Locale.ROOT));
    }

    public Optional<String> phone(String raw) {
        return phone(raw, DEFAULT_REGION);
    }

    public Optional<String> phone(String raw, String defaultRegion) {
        if (raw == null || raw.length() > 40) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber number = phones.parse(raw.strip(), defaultRegion);
            if (!phones.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    public Optional<String> name(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = Normalizer.normalize(raw.strip().replaceAll("\\s+", " "), Normalizer.Form.NFC);
        int length = s.codePointCount(0, s.length());
        if (length == 0 || length > MAX_NAME_LENGTH || !NAME.matcher(s).matches()) {
            return Optional.empty();
        }
        return Optional.of(s);
    }
}
