package org.collabedge.http.rules;

import java.net.InetAddress;

import org.collabedge.http.ProxyTarget;

/** The HTTP proxy asks this for every request; the rules service implements it. */
public interface AllowList {

    /** Matches a canonical target and method against the rules of its deployment; must be fast (no I/O, no locks). */
    RuleDecision decide(ProxyTarget target, String method);

    /** Counts a request that passed (the rule's hits). */
    void passed(RuleDecision decision);

    /** Counts a blocked request (the rule's blocks) and adds it to the access log of blocked requests. */
    void blocked(ProxyTarget target, String method, RuleDecision decision, InetAddress source);
}
