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
 * <p>
 * User part: {@code "ce-" base64url(original contact) "." flow token}, the flow in the signed form of
 * {@link FlowToken}: a party inside that learns one edge contact cannot write another that reaches a different
 * client's connection, nor edit the flow of this one. The original contact is not signed: it only becomes the
 * Request-URI of what is delivered over the signed flow, to the client that registered it.
 */
public final class ContactRewriter {

    private static final String PREFIX = "ce-";

    private final SipMessages sip;

    public ContactRewriter(SipMessages sip) {
        this.sip = sip;
    }

    /** Replaces every Contact URI with the edge URI for {@code flow}, the flow signed by {@code tokens}. */
    public void rewrite(Message m, Flow flow, String edgeHost, int edgePort, String transport, FlowToken tokens)
            throws ParseException {
        String signedFlow = tokens.encode(flow);
        Iterator<?> it = m.getHeaders(ContactHeader.NAME);
        while (it.hasNext()) {
            ContactHeader c = (ContactHeader) it.next();
            if (c.isWildCard()) {
                continue;
            }
            String contact = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    c.getAddress().getURI().toString().getBytes(StandardCharsets.UTF_8));
            SipURI edge = sip.addresses.createSipURI(PREFIX + contact + "." + signedFlow, edgeHost);
            edge.setPort(edgePort);
            edge.setTransportParam(transport.toLowerCase(java.util.Locale.ROOT));
            c.getAddress().setURI(edge);
        }
    }

    /** Puts the original contacts back into a response from the internal server. */
    public void restore(Message m, FlowToken tokens) {
        Iterator<?> it = m.getHeaders(ContactHeader.NAME);
        while (it.hasNext()) {
            ContactHeader c = (ContactHeader) it.next();
            if (!c.isWildCard()) {
                decode(c.getAddress().getURI(), tokens).ifPresent(d -> {
                    try {
                        c.getAddress().setURI(sip.addresses.createURI(d.contact()));
                    } catch (ParseException e) {
                        // leave the edge URI: the client still sees a working contact
                    }
                });
            }
        }
    }

    /** Whether {@code uri} has the form of an edge contact (whether or not its flow token holds). */
    public static boolean looksRewritten(URI uri) {
        return uri instanceof SipURI s && s.getUser() != null && s.getUser().startsWith(PREFIX);
    }

    /**
     * The client's flow and original contact, when {@code uri} is an edge contact made by a node holding the key of
     * {@code tokens}; empty for anything else, including a forged or altered flow.
     */
    public static Optional<Decoded> decode(URI uri, FlowToken tokens) {
        if (!looksRewritten(uri)) {
            return Optional.empty();
        }
        String user = ((SipURI) uri).getUser().substring(PREFIX.length());
        int dot = user.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        Optional<Flow> flow = tokens.decode(user.substring(dot + 1));
        if (flow.isEmpty()) {
            return Optional.empty();
        }
        try {
            String contact = new String(Base64.getUrlDecoder().decode(user.substring(0, dot)), StandardCharsets.UTF_8);
            return Optional.of(new Decoded(flow.get(), contact));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A decoded edge contact. */
    public record Decoded(Flow flow, String contact) {
    }
}
