package io.leadline.config;

import io.leadline.retention.RetentionPolicy;
import io.leadline.storage.TableNames;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a function needs to know about its surroundings, read once from the environment.
 * In AWS the values come from the template's environment variables; locally from the runner.
 */
public record LeadlineConfig(
        String region,
        TableNames tables,
        KeyringMode keyringMode,
        Optional<String> kmsKeyId,
        Optional<Path> localKeyFile,
        Optional<URI> dynamoDbEndpoint,
        Optional<URI> kmsEndpoint,
        RetentionPolicy retention,
        Duration auditRetention,
        Duration sweepInterval,
        int revealAlertPerHour,
        Optional<String> userPoolId,
        AnalyticsSettings analytics) {

    /**
     * Funnel analytics: the zone whose calendar days the funnel counts in, how long raw events stay
     * (for the stream and a rebuild; they hold no personal data) and how long daily counters stay.
     */
    public record AnalyticsSettings(java.time.ZoneId zone, Duration eventRetention, Duration counterRetention) {
    }

    public enum KeyringMode { KMS, LOCAL }

    public LeadlineConfig {
        if (keyringMode == KeyringMode.KMS && kmsKeyId.isEmpty()) {
            throw new IllegalArgumentException("LEADLINE_KEYRING=kms needs LEADLINE_KMS_KEY_ID");
        }
        if (keyringMode == KeyringMode.LOCAL && localKeyFile.isEmpty()) {
            throw new IllegalArgumentException("LEADLINE_KEYRING=local needs LEADLINE_LOCAL_KEY_FILE");
        }
    }

    /**
     * The process environment; a system property of the same name overrides it (the local runner
     * and tests configure functions that way, as one JVM cannot change its own environment).
     */
    public static LeadlineConfig fromEnvironment() {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        System.getProperties().forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith("LEADLINE_") || key.equals("AWS_REGION")) {
                env.put(key, v.toString());
            }
        });
        return from(env);
    }

    public static LeadlineConfig from(Map<String, String> env) {
        Settings s = new Settings(env);
        String prefix = s.get("LEADLINE_TABLE_PREFIX", "leadline-");
        TableNames tables = new TableNames(
                s.get("LEADLINE_TABLE_CONVERSATIONS", prefix + "conversations"),
                s.get("LEADLINE_TABLE_LEADS", prefix + "leads"),
                s.get("LEADLINE_TABLE_CONSENT", prefix + "consent"),
                s.get("LEADLINE_TABLE_AUDIT", prefix + "audit"),
                s.get("LEADLINE_TABLE_ANALYTICS", prefix + "analytics"),
                s.get("LEADLINE_TABLE_KEYS", prefix + "keys"),
                s.get("LEADLINE_TABLE_EVENTS", prefix + "events"));
        KeyringMode mode = switch (s.get("LEADLINE_KEYRING", "kms").toLowerCase()) {
            case "kms" -> KeyringMode.KMS;
            case "local" -> KeyringMode.LOCAL;
            default -> throw new IllegalArgumentException("LEADLINE_KEYRING must be 'kms' or 'local'");
        };
        RetentionPolicy retention = new RetentionPolicy(
                s.duration("LEADLINE_RETENTION_UNCONSENTED", Duration.ofHours(24)),
                s.duration("LEADLINE_RETENTION_TRANSCRIPT", Duration.ofDays(30)),
                s.duration("LEADLINE_RETENTION_LEAD", Duration.ofDays(180)),
                s.duration("LEADLINE_RETENTION_CONSENT_PROOF", Duration.ofDays(3 * 365)));
        return new LeadlineConfig(
                s.get("AWS_REGION", "ap-southeast-1"),
                tables,
                mode,
                s.optional("LEADLINE_KMS_KEY_ID"),
                s.optional("LEADLINE_LOCAL_KEY_FILE").map(Path::of),
                s.optional("LEADLINE_DYNAMODB_ENDPOINT").map(URI::create),
                s.optional("LEADLINE_KMS_ENDPOINT").map(URI::create),
                retention,
                s.duration("LEADLINE_RETENTION_AUDIT", Duration.ofDays(3 * 365)),
                s.duration("LEADLINE_SWEEP_INTERVAL", Duration.ofHours(1)),
                Integer.parseInt(s.get("LEADLINE_REVEAL_ALERT_PER_HOUR", "100")),
                s.optional("LEADLINE_USER_POOL_ID"),
                new AnalyticsSettings(s.zone("LEADLINE_ANALYTICS_ZONE", java.time.ZoneId.of("UTC")),
                        s.duration("LEADLINE_RETENTION_EVENTS", Duration.ofDays(7)),
                        s.duration("LEADLINE_RETENTION_FUNNEL", Duration.ofDays(2 * 365))));
    }

    /** Typed reads over a string map, with messages that name the variable. */
    private record Settings(Map<String, String> env) {
        Optional<String> optional(String key) {
            String v = env.get(key);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
        }

        String get(String key, String fallback) {
            return optional(key).orElse(fallback);
        }

        java.time.ZoneId zone(String key, java.time.ZoneId fallback) {
            Optional<String> v = optional(key);
            try {
                return v.map(java.time.ZoneId::of).orElse(fallback);
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException(key + " must be a time zone such as UTC or Asia/Ho_Chi_Minh", e);
            }
        }

        Duration duration(String key, Duration fallback) {
            Optional<String> v = optional(key);
            if (v.isEmpty()) {
                return fallback;
            }
            try {
                Duration d = Duration.parse(v.get());
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException(key + " must be a positive ISO-8601 duration");
                }
                return d;
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as P30D or PT24H", e);
            }
        }
    }
}
