package org.collabedge.openfire;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.collabedge.protection.Cidr;
import org.collabedge.protection.FailureCategory;
import org.collabedge.protection.Protection;
import org.jivesoftware.openfire.interceptor.InterceptorManager;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.session.ClientSession;
import org.jivesoftware.openfire.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Packet;

/**
 * Edge protection for Openfire's own XMPP client sessions, through a global packet interceptor:
 * <ul>
 *   <li>reports each protocol violation ({@link XmppViolations}) as {@link FailureCategory#XMPP_PROTOCOL} from the
 *       session's source address, so repeated offenders are banned like any other edge client;</li>
 *   <li>enforces bans: a stanza from a banned address is rejected and its session closed, and when an address is
 *       banned (on any node) the sessions this node has seen from it are closed at once.</li>
 * </ul>
 * Openfire accepts the TCP connection and TLS handshake before any interceptor runs, so unlike the edge's own
 * listeners a banned XMPP client is stopped at its first stanza, not before the handshake.
 *
 * <p>{@link #register} adds it to Openfire's {@link InterceptorManager}; {@link #close} removes it and its ban
 * listener, so a hot redeploy leaves nothing behind. Uses only API present in Openfire 4.2.0 and 5.1.1.
 */
final class XmppClientGuard implements PacketInterceptor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(XmppClientGuard.class);
    private static final int MIN_PRUNE_AT = 1024;

    /** What the guard knows of a live session: where it comes from, and the last stanza already counted. */
    private static final class Seen {
        final InetAddress source;
        volatile String countedId;

        Seen(InetAddress source) {
            this.source = source;
        }
    }

    private final Protection protection;
    private final XmppViolations violations;
    private final Map<Session, Seen> sessions = new ConcurrentHashMap<>();
    private final AutoCloseable banListener;
    private volatile int pruneAt = MIN_PRUNE_AT;

    XmppClientGuard(Protection protection, String xmppDomain) {
        this.protection = Objects.requireNonNull(protection);
        this.violations = new XmppViolations(xmppDomain);
        this.banListener = protection.gate().onBan(this::closeSessionsFrom);
    }

    /** Creates a guard and adds it to Openfire's global interceptors. */
    static XmppClientGuard register(Protection protection, String xmppDomain) {
        XmppClientGuard guard = new XmppClientGuard(protection, xmppDomain);
        InterceptorManager.getInstance().addInterceptor(guard);
        return guard;
    }

    @Override
    public void interceptPacket(Packet packet, Session session, boolean incoming, boolean processed)
            throws PacketRejectedException {
        if (processed || !(session instanceof ClientSession) || packet == null) {
            return;
        }
        Seen seen = incoming ? track(session) : sessions.get(session);
        if (seen == null) {
            return; // an outgoing stanza to a session that has not sent anything since this guard started
        }
        if (incoming && !protection.gate().admits(seen.source)) {
            close(session);
            throw new PacketRejectedException("source address is banned");
        }
        String violation = incoming ? violations.fromClient(packet, session) : violations.toClient(packet, session);
        if (violation == null) {
            return;
        }
        String id = packet.getID();
        if (!incoming && id != null && id.equals(seen.countedId)) {
            return; // the server's error answers a stanza already counted when it came in
        }
        if (incoming) {
            seen.countedId = id;
        }
        LOG.debug("XMPP protocol violation from {}: {}", seen.source.getHostAddress(), violation);
        protection.events().failure(FailureCategory.XMPP_PROTOCOL, seen.source, user(session));
    }

    /** Removes the interceptor and the ban listener; the sessions are Openfire's and stay as they are. */
    @Override
    public void close() {
        InterceptorManager.getInstance().removeInterceptor(this);
        try {
            banListener.close();
        } catch (Exception e) {
            LOG.debug("Removing the ban listener failed", e);
        }
        sessions.clear();
    }

    /** Sessions this guard currently follows (for tests). */
    int followed() {
        return sessions.size();
    }

    private Seen track(Session session) {
        Seen seen = sessions.get(session);
        if (seen != null) {
            return seen;
        }
        InetAddress source = source(session);
        if (source == null) {
            return null;
        }
        if (sessions.size() >= pruneAt) {
            sessions.keySet().removeIf(Session::isClosed);
            pruneAt = Math.max(MIN_PRUNE_AT, 2 * sessions.size());
        }
        return sessions.computeIfAbsent(session, s -> new Seen(source));
    }

    private void closeSessionsFrom(InetAddress banned) {
        for (Map.Entry<Session, Seen> e : sessions.entrySet()) {
            if (e.getValue().source.equals(Cidr.unmapped(banned))) {
                close(e.getKey());
            }
        }
    }

    private void close(Session session) {
        sessions.remove(session);
        try {
            session.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing an XMPP session of a banned address failed", e);
        }
    }

    /** The session's remote address, IPv4-mapped addresses as plain IPv4; null when it has none. */
    private static InetAddress source(Session session) {
        try {
            String literal = session.getHostAddress();
            if (literal == null) {
                return null;
            }
            int percent = literal.indexOf('%'); // a scope id would make one client two keys
            String plain = percent < 0 ? literal : literal.substring(0, percent);
            // Only a literal is accepted, so this never waits for a name lookup.
            Cidr single = Cidr.parse(plain).filter(Cidr::isSingleAddress).orElse(null);
            return single == null ? null : InetAddress.getByName(single.toString());
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    private static String user(Session session) {
        return session.getAddress() == null ? null : session.getAddress().getNode();
    }
}
