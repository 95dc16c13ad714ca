package io.leadline.retention;

import java.time.Duration;
import java.time.Instant;

/**
 * How long each kind of record may live. Every stored item carries an expiry computed from here
 * (DynamoDB TTL attribute, epoch seconds).
 *
 * @param unconsented    conversations and redacted transcript of visitors who have not consented
 * @param transcript     the transcript of a consented conversation
 * @param lead           a lead after its last activity, unless its flow says otherwise
 * @param consentProof   how long consent proof outlives what it covers
 */
public record RetentionPolicy(Duration unconsented, Duration transcript, Duration lead, Duration consentProof) {

    /** ISO-8601 in the unit people read retention in: {@code P180D} rather than {@code PT4320H}. */
    public static String iso(Duration d) {
        return d.toSeconds() % 86_400 == 0 ? "P" + d.toDays() + "D" : d.toString();
    }

    public static long epochSeconds(Instant instant) {
        return instant.getEpochSecond();
    }

    public long unconsentedExpiry(Instant now) {
        return epochSeconds(now.plus(unconsented));
    }

    public long transcriptExpiry(Instant now) {
        return epochSeconds(now.plus(transcript));
    }
}
