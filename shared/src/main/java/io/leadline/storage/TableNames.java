package io.leadline.storage;

/** One table per responsibility, so each function's IAM policy can name only the tables it needs. */
public record TableNames(
        String conversations,
        String leads,
        String consent,
        String audit,
        String analytics,
        String keys,
        String events) {
}
