package org.collabedge.openfire;

import java.util.Locale;
import java.util.Set;

import org.dom4j.Element;
import org.jivesoftware.openfire.session.Session;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/**
 * Decides which stanzas on a client session are XMPP protocol violations, the seed's "XMPP protocol violation"
 * category, from what a packet interceptor sees (Openfire 4.2 to 5.1 call interceptors with every stanza a client
 * session sends, before it is processed, and every stanza the server delivers to it).
 *
 * <p>Counted, from the client:
 * <ul>
 *   <li>a stanza before authentication (the session's address has no user yet) other than the IQs Openfire itself
 *       accepts then: {@code jabber:iq:auth}, {@code jabber:iq:register}, resource binding;</li>
 *   <li>an IQ without an id, or a get/set without exactly one payload element (RFC 6120 8.2.3);</li>
 *   <li>a {@code type} the stanza kind does not have (RFC 6120 8.2.3, 5.2.2 and 6121 4.7.1).</li>
 * </ul>
 * Counted, to the client: an error the server itself answers a stanza with, whose condition says the client broke
 * the protocol: {@code bad-request}, {@code jid-malformed}, {@code not-acceptable}, {@code policy-violation}. "The
 * server itself" means the error comes from no address, the server's domain, the user's own account, or an address
 * that is not valid at all (Openfire echoes the client's own malformed 'to' back as 'from'). Errors from other users
 * or other servers are not counted: anyone could send those to get an innocent client banned.
 *
 * <p>Not observable here: XML that does not parse and stanzas over Openfire's size limit never become packets (the
 * server closes those streams itself), and server-to-server or component sessions are not judged.
 */
final class XmppViolations {

    static final String STANZAS_NS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    private static final Set<String> PRE_AUTH_NAMESPACES = Set.of("jabber:iq:auth", "jabber:iq:register",
            "urn:ietf:params:xml:ns:xmpp-bind");
    private static final Set<String> CLIENT_FAULT_CONDITIONS = Set.of("bad-request", "jid-malformed",
            "not-acceptable", "policy-violation");
    private static final Set<String> IQ_TYPES = Set.of("get", "set", "result", "error");
    private static final Set<String> MESSAGE_TYPES = Set.of("chat", "error", "groupchat", "headline", "normal");
    private static final Set<String> PRESENCE_TYPES = Set.of("unavailable", "subscribe", "subscribed",
            "unsubscribe", "unsubscribed", "probe", "error");

    private final String xmppDomain;

    XmppViolations(String xmppDomain) {
        this.xmppDomain = xmppDomain.toLowerCase(Locale.ROOT);
    }

    /** Why a stanza the client sent breaks the protocol, or null when it does not. */
    String fromClient(Packet packet, Session session) {
        Element stanza = packet.getElement();
        String kind = stanza.getName();
        String type = stanza.attributeValue("type");
        if (session.getAddress() == null || session.getAddress().getNode() == null) {
            Element payload = "iq".equals(kind) ? firstChild(stanza) : null;
            if (payload == null || !PRE_AUTH_NAMESPACES.contains(payload.getNamespaceURI())) {
                return "stanza before authentication";
            }
        }
        switch (kind) {
            case "iq":
                if (type == null || !IQ_TYPES.contains(type)) {
                    return "iq without a valid type";
                }
                if (stanza.attributeValue("id") == null) {
                    return "iq without an id";
                }
                if (("get".equals(type) || "set".equals(type)) && stanza.elements().size() != 1) {
                    return "iq " + type + " without exactly one payload";
                }
                return null;
            case "message":
                return type == null || MESSAGE_TYPES.contains(type) ? null : "message of unknown type";
            case "presence":
                return type == null || PRESENCE_TYPES.contains(type) ? null : "presence of unknown type";
            default:
                return null;
        }
    }

    /** The condition of an error the server answers the client with for breaking the protocol, or null. */
    String toClient(Packet packet, Session session) {
        Element stanza = packet.getElement();
        if (!"error".equals(stanza.attributeValue("type"))) {
            return null;
        }
        String condition = condition(stanza.element("error"));
        if (condition == null || !fromServer(stanza.attributeValue("from"), session)) {
            return null;
        }
        return condition;
    }

    private static String condition(Element error) {
        if (error == null) {
            return null;
        }
        for (Object o : error.elements()) {
            Element c = (Element) o;
            if (STANZAS_NS.equals(c.getNamespaceURI()) && CLIENT_FAULT_CONDITIONS.contains(c.getName())) {
                return c.getName();
            }
        }
        return null;
    }

    private boolean fromServer(String from, Session session) {
        if (from == null || from.isEmpty()) {
            return true;
        }
        String bare = from.toLowerCase(Locale.ROOT);
        int slash = bare.indexOf('/');
        if (slash >= 0) {
            bare = bare.substring(0, slash);
        }
        if (bare.equals(xmppDomain)) {
            return true;
        }
        JID own = session.getAddress();
        if (own != null && own.getNode() != null && bare.equals(own.toBareJID().toLowerCase(Locale.ROOT))) {
            return true;
        }
        try {
            new JID(from);
            return false; // a valid address of someone else
        } catch (IllegalArgumentException e) {
            return true; // the client's own malformed 'to', echoed back by the server
        }
    }

    private static Element firstChild(Element stanza) {
        for (Object o : stanza.elements()) {
            return (Element) o;
        }
        return null;
    }
}
