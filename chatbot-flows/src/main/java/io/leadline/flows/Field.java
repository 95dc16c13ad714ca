package io.leadline.flows;

/**
 * A value a flow stores. Personal fields are collected only under a granted consent purpose and
 * are only ever stored encrypted.
 */
public record Field(String name, boolean personal, String purpose) {
}
