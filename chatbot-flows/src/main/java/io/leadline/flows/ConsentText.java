package io.leadline.flows;

import io.leadline.retention.RetentionPolicy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The exact consent text shown, in one canonical form, and its SHA-256 for the consent ledger. */
public final class ConsentText {

    private ConsentText() {
    }

    /** What the visitor saw: flow, version, locale, purpose, text, retention and privacy link. */
    public static String canonical(Flow flow, Node.Consent node) {
        return String.join("\n",
                "flow=" + flow.id(),
                "version=" + flow.version(),
                "locale=" + flow.locale(),
                "purpose=" + node.purpose(),
                "retention=" + RetentionPolicy.iso(node.retention()),
                "privacyUrl=" + node.privacyUrl(),
                "text=" + node.text());
    }

    public static String sha256(Flow flow, Node.Consent node) {
        return sha256(canonical(flow, node));
    }

    public static String sha256(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
