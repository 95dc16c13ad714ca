package io.leadline.audit;

import java.time.Duration;

/** How long audit entries are kept (LEADLINE_RETENTION_AUDIT, default three years). */
public record AuditRetention(Duration keep) {
}
