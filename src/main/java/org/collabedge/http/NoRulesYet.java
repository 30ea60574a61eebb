package org.collabedge.http;

import java.net.InetAddress;

import org.collabedge.http.rules.AllowList;
import org.collabedge.http.rules.RuleDecision;

/**
 * The allow list the core hands the proxy while no rules service runs: nothing may pass. Fail closed, so a partly
 * wired edge can never become an open proxy.
 */
public final class NoRulesYet implements AllowList {

    public static final String REASON = "http.block.no_rule";
    /**
     * No credentials asked: every target is refused alike, so the plain 403 reveals nothing about any rule (the proxy
     * checks credentials before the verdict only to hide which targets a real allow list permits).
     */
    private static final RuleDecision REFUSED = new RuleDecision(false, null, REASON, false);

    @Override
    public RuleDecision decide(ProxyTarget target, String method) {
        return REFUSED;
    }

    @Override
    public void passed(RuleDecision decision) {
        // nothing passes
    }

    @Override
    public void blocked(ProxyTarget target, String method, RuleDecision decision, InetAddress source) {
        // no rules, no counters, no log: the rules service owns those
    }
}
