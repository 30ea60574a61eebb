package org.collabedge.http.rules;

/**
 * The allow list's answer for one request.
 *
 * @param allowed                whether the request may pass
 * @param ruleId                 the rule that matched, or null when none did
 * @param reasonKey              why it was blocked (an i18n key such as "http.block.no_rule"), or null when allowed
 * @param authenticationRequired whether the client must present an edge identity (true unless the matching rule
 *                               says otherwise)
 */
public record RuleDecision(boolean allowed, String ruleId, String reasonKey, boolean authenticationRequired) {
}
