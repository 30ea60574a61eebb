package org.collabedge.sip.proxy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.collabedge.sip.transport.Flow;

/**
 * A flow written into a Record-Route parameter (in the spirit of RFC 5626's flow tokens): the edge finds both
 * clients' connections again from the route set alone, whichever node or restart has forgotten the dialog.
 */
public final class FlowToken {

    /** The caller's side of the dialog. */
    public static final String CALLER = "ce-a";
    /** The callee's side, when the edge delivered the request to a registered client. */
    public static final String CALLEE = "ce-b";

    private FlowToken() {
    }

    public static String encode(Flow flow) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(flow.key().getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<Flow> decode(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        try {
            String key = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int first = key.indexOf(':');
            int last = key.lastIndexOf(':');
            if (first <= 0 || last <= first) {
                return Optional.empty();
            }
            return Optional.of(new Flow(key.substring(0, first), key.substring(first + 1, last),
                    Integer.parseInt(key.substring(last + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
