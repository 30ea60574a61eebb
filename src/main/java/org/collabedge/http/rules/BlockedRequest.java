package org.collabedge.http.rules;

import java.io.Serializable;
import java.time.Instant;

/**
 * One entry of the access log of blocked requests: what was asked, by whom, and why it was refused.
 *
 * @param ruleId    the rule that matched the URL but not the method, or null when no rule matched
 * @param reasonKey i18n key of the reason, e.g. "http.block.no_rule"
 */
public record BlockedRequest(Instant time, String node, String source, String method, String url,
                             String deploymentId, String ruleId, String reasonKey) implements Serializable {
}
