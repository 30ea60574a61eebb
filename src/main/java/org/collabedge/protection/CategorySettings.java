package org.collabedge.protection;

/**
 * One intrusion-protection category's rule: when on, {@code threshold} failures from one address within
 * {@code windowSeconds} ban that address for {@code banSeconds}.
 */
public record CategorySettings(boolean enabled, int threshold, int windowSeconds, int banSeconds) {
}
