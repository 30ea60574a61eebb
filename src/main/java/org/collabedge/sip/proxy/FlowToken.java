package org.collabedge.sip.proxy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.collabedge.sip.transport.Flow;

/**
 * A flow written into a Record-Route or Route parameter (in the spirit of RFC 5626's flow tokens): the edge finds
 * both clients' connections again from the route set alone, whichever node or restart has forgotten the dialog.
 * Clients echo these parameters back, so a token carries an HMAC under the key all nodes share ({@link RouteSeal}):
 * a client that edits a token, or writes one itself to reach another client's connection, gets nothing.
 * Format: {@code base64url(flow key) "." base64url(tag)}. A token proves only that the edge wrote it; in a
 * Record-Route entry the whole parameter set is signed as well ({@link #routeSet()}).
 */
public final class FlowToken {

    /** The caller's side of the dialog. */
    public static final String CALLER = "ce-a";
    /** The callee's side, when the edge delivered the request to a registered client. */
    public static final String CALLEE = "ce-b";

    private final RouteSeal seal;
    private final DialogRouteSet routeSet;

    public FlowToken(RouteSeal seal) {
        this(seal, java.time.Clock.systemUTC());
    }

    /** @param clock the host's clock, for the lifetime of dialog route sets */
    public FlowToken(RouteSeal seal, java.time.Clock clock) {
        this.seal = seal;
        this.routeSet = new DialogRouteSet(seal, clock, DialogRouteSet.LIFETIME);
    }

    /**
     * Signs and checks the edge's Record-Route entry as one set: each token on its own says only that the edge wrote
     * it, not that it belongs with the entry's other parameters or to this dialog.
     */
    public DialogRouteSet routeSet() {
        return routeSet;
    }

    public String encode(Flow flow) {
        String key = flow.key();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8))
                + "." + seal.tag(key);
    }

    /** The flow a token names; empty when it is missing, damaged, unsigned or signed with another key. */
    public Optional<Flow> decode(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        int dot = token.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String key;
        try {
            key = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return seal.verify(key, token.substring(dot + 1)) ? parse(key) : Optional.empty();
    }

    /** A flow from its key ("TRANSPORT:host:port"), as {@link Flow#key()} writes it; no authentication. */
    static Optional<Flow> parse(String key) {
        int first = key.indexOf(':');
        int last = key.lastIndexOf(':');
        if (first <= 0 || last <= first) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Flow(key.substring(0, first), key.substring(first + 1, last),
                    Integer.parseInt(key.substring(last + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
