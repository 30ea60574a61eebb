package org.collabedge.sip.proxy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.sip.address.SipURI;

/**
 * One authentication tag over everything in the edge's Record-Route entry that steers in-dialog routing: every
 * {@code ce-*} parameter (flow tokens, sealed inside caller, node marks, hidden routes, the inside/outside mark of
 * each side, the expiry), bound to the dialog's Call-ID. A party that drops, adds or edits one parameter, pastes one
 * from another dialog's entry, uses the entry under another Call-ID, or replays it after its lifetime gets a route
 * set that does not check. The tag is the shared {@link RouteSeal}'s HMAC, so any node checks what another wrote.
 *
 * <p>The lifetime ({@link #LIFETIME}, 7 days) bounds how long a dialog's route set works: a re-INVITE, UPDATE or
 * re-SUBSCRIBE refreshes the target, never the route set (RFC 3261 12.2), so it must outlast the longest call and
 * the longest-lived subscription (a phone's BLF or message-waiting subscription lives until it re-registers or
 * restarts, often days), yet end so that a route set copied out of an ended dialog stops working. Replaying one
 * within its lifetime reaches only the same two flows of the same Call-ID, whose UAs answer 481.
 */
public final class DialogRouteSet {

    /** Record-Route parameter: the two sides, caller then callee, each {@code i} (inside) or {@code o} (client). */
    public static final String SIDES = "ce-d";
    /** Record-Route parameter: when the route set stops working, seconds since the epoch. */
    public static final String EXPIRES = "ce-e";
    /** Record-Route parameter: the tag over all other {@code ce-*} parameters and the Call-ID. */
    public static final String TAG = "ce-t";
    /** How long a dialog's route set works after the dialog-forming request passed the edge. */
    public static final Duration LIFETIME = Duration.ofDays(7);

    /** Keeps these texts apart from flow keys that share the MAC key; the trailing line break ends no port number. */
    private static final String DOMAIN = "collabedge dialog route set v1\n";
    private static final String PREFIX = "ce-";

    /** What checking an entry found. */
    public enum Verdict {
        VALID,
        /** Missing, damaged or forged tag; a parameter changed, added or dropped; another Call-ID. */
        FORGED,
        /** Tag correct, lifetime over. */
        EXPIRED
    }

    private final RouteSeal seal;
    private final Clock clock;
    private final Duration lifetime;

    public DialogRouteSet(RouteSeal seal, Clock clock, Duration lifetime) {
        this.seal = Objects.requireNonNull(seal);
        this.clock = Objects.requireNonNull(clock);
        this.lifetime = Objects.requireNonNull(lifetime);
    }

    /** With the system clock and {@link #LIFETIME}. */
    public DialogRouteSet(RouteSeal seal) {
        this(seal, Clock.systemUTC(), LIFETIME);
    }

    /** The {@link #SIDES} value: caller, then callee. */
    public static String sides(boolean callerInside, boolean calleeInside) {
        return (callerInside ? "i" : "o") + (calleeInside ? "i" : "o");
    }

    /** Signs the entry's {@code ce-*} parameters for this Call-ID; sets the expiry first unless it has one. */
    public void sign(SipURI uri, String callId) {
        try {
            if (uri.getParameter(EXPIRES) == null) {
                uri.setParameter(EXPIRES, Long.toString(clock.instant().plus(lifetime).getEpochSecond()));
            }
            uri.removeParameter(TAG);
            uri.setParameter(TAG, seal.tag(text(uri, callId)));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("Cannot sign the edge's Record-Route", e);
        }
    }

    /**
     * Adds one parameter to an entry that checks, and signs it again with the same expiry. An entry that does not
     * check gets the parameter but no new tag, so it keeps failing: nothing that came back from a party is
     * blessed.
     */
    public boolean extend(SipURI uri, String callId, String name, String value) {
        boolean valid = check(uri, callId) == Verdict.VALID;
        try {
            uri.setParameter(name, value);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("Cannot extend the edge's Record-Route", e);
        }
        if (valid) {
            sign(uri, callId);
        }
        return valid;
    }

    /** Whether the entry's parameter set is the one this edge signed for this Call-ID, and still in its lifetime. */
    public Verdict check(SipURI uri, String callId) {
        String tag = uri.getParameter(TAG);
        if (tag == null || callId == null || !seal.verify(text(uri, callId), tag)) {
            return Verdict.FORGED;
        }
        long expires;
        try {
            expires = Long.parseLong(uri.getParameter(EXPIRES));
        } catch (NumberFormatException e) {
            return Verdict.FORGED; // a missing expiry was signed as missing: not by this edge
        }
        return clock.instant().getEpochSecond() < expires ? Verdict.VALID : Verdict.EXPIRED;
    }

    /**
     * What the tag covers: the Call-ID, then every {@code ce-*} parameter but the tag, sorted by name, one per line.
     * Names are compared in lower case, as SIP URI parameter names are case-insensitive; values as written.
     */
    private static String text(SipURI uri, String callId) {
        List<String> params = new ArrayList<>();
        for (Iterator<?> it = uri.getParameterNames(); it.hasNext(); ) {
            String name = ((String) it.next()).toLowerCase(Locale.ROOT);
            if (name.startsWith(PREFIX) && !name.equals(TAG)) {
                String value = uri.getParameter(name);
                params.add(name + "=" + (value == null ? "" : value));
            }
        }
        params.sort(null);
        StringBuilder b = new StringBuilder(DOMAIN).append(callId.replace("\n", "")).append('\n');
        params.forEach(p -> b.append(p).append('\n'));
        return b.toString();
    }
}
