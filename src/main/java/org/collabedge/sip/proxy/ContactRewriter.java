package org.collabedge.sip.proxy;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Optional;

import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.message.Message;

import org.collabedge.sip.SipMessages;
import org.collabedge.sip.transport.Flow;

/**
 * The "Contact rewrite" way of registering with internal call control: the client's Contact becomes an edge URI
 * whose user part carries the client's flow and original contact, so the internal server reaches the client
 * through the edge; responses get the original contacts back.
 */
public final class ContactRewriter {

    private static final String PREFIX = "ce-";

    private final SipMessages sip;

    public ContactRewriter(SipMessages sip) {
        this.sip = sip;
    }

    /** Replaces every Contact URI with the edge URI for {@code flow}. */
    public void rewrite(Message m, Flow flow, String edgeHost, int edgePort, String transport) throws ParseException {
        Iterator<?> it = m.getHeaders(ContactHeader.NAME);
        while (it.hasNext()) {
            ContactHeader c = (ContactHeader) it.next();
            if (c.isWildCard()) {
                continue;
            }
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (flow.key() + "\n" + c.getAddress().getURI()).getBytes(StandardCharsets.UTF_8));
            SipURI edge = sip.addresses.createSipURI(PREFIX + token, edgeHost);
            edge.setPort(edgePort);
            edge.setTransportParam(transport.toLowerCase(java.util.Locale.ROOT));
            c.getAddress().setURI(edge);
        }
    }

    /** Puts the original contacts back into a response from the internal server. */
    public void restore(Message m) {
        Iterator<?> it = m.getHeaders(ContactHeader.NAME);
        while (it.hasNext()) {
            ContactHeader c = (ContactHeader) it.next();
            if (!c.isWildCard()) {
                decode(c.getAddress().getURI()).ifPresent(d -> {
                    try {
                        c.getAddress().setURI(sip.addresses.createURI(d.contact()));
                    } catch (ParseException e) {
                        // leave the edge URI: the client still sees a working contact
                    }
                });
            }
        }
    }

    /** The client's flow and original contact, when {@code uri} is an edge contact made here. */
    public static Optional<Decoded> decode(URI uri) {
        if (!(uri instanceof SipURI s) || s.getUser() == null || !s.getUser().startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(s.getUser().substring(PREFIX.length())),
                    StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            Optional<Flow> flow = FlowToken.parse(text.substring(0, nl));
            return flow.map(f -> new Decoded(f, text.substring(nl + 1)));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** A decoded edge contact. */
    public record Decoded(Flow flow, String contact) {
    }
}
