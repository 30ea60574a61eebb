package org.collabedge.openfire;

import org.collabedge.host.PresencePublisher;
import org.jivesoftware.openfire.XMPPServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * Publishes presence for {@code user@<xmpp domain>/<resource>} (e.g. resource "sip" while the user's phone is
 * registered at the edge) to the user's roster contacts and the user's own other resources.
 *
 * <p><b>How it is routed.</b> The presence has no {@code to} and is handed to {@code PresenceRouter.route}. In
 * Openfire's 5.x source, PresenceRouter#route handles a stanza whose sender has no connected client session instead
 * of bouncing it: an available or unavailable presence without recipient goes to PresenceUpdateHandler#process,
 * which with no session still calls broadcastUpdate, i.e. the sender's Roster#broadcastPresence (every contact with
 * a "from" or "both" subscription, wherever in the cluster it is connected, minus what the user's default privacy
 * list blocks, plus the user's other resources), and then tells the PresenceManager (userAvailable /
 * userUnavailable; the latter stores the presence as the user's last one when the user has no client session).
 * Packet interceptors run as for any presence. Alternatives were ruled out: routing to each contact through the
 * RoutingTable needs the roster (RosterManager is not in the stable API) and skips privacy lists; PresenceManager
 * has no broadcast method; a synthetic ClientSession is not API at all.
 *
 * <p><b>Limits.</b> The resource has no session, so it does not answer presence probes: a contact that comes online
 * later sees it only at the next publish (a service that cares re-publishes from time to time). Were a client
 * session bound to the very same full JID, route would answer that session with an error instead, so edge
 * resources use names clients do not.
 */
final class OpenfirePresencePublisher implements PresencePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(OpenfirePresencePublisher.class);

    @Override
    public void available(String username, String resource, Show show, String status) {
        Presence presence = presence(username, resource);
        if (presence == null) {
            return;
        }
        Presence.Show xmppShow = switch (show == null ? Show.AVAILABLE : show) {
            case AVAILABLE -> null;
            case AWAY -> Presence.Show.away;
            case DND -> Presence.Show.dnd;
            case XA -> Presence.Show.xa;
        };
        if (xmppShow != null) {
            presence.setShow(xmppShow);
        }
        if (status != null && !status.isBlank()) {
            presence.setStatus(status);
        }
        route(presence);
    }

    @Override
    public void unavailable(String username, String resource) {
        Presence presence = presence(username, resource);
        if (presence != null) {
            presence.setType(Presence.Type.unavailable);
            route(presence);
        }
    }

    private static Presence presence(String username, String resource) {
        if (username == null || username.isBlank()) {
            LOG.warn("Cannot publish presence without a user name (resource {})", resource);
            return null;
        }
        try {
            String domain = XMPPServer.getInstance().getServerInfo().getXMPPDomain();
            Presence presence = new Presence();
            presence.setFrom(new JID(username, domain, resource));
            return presence;
        } catch (IllegalArgumentException e) {
            LOG.warn("Cannot publish presence for {}/{}: not a valid JID ({})", username, resource, e.getMessage());
            return null;
        }
    }

    private static void route(Presence presence) {
        try {
            XMPPServer.getInstance().getPresenceRouter().route(presence);
        } catch (RuntimeException e) {
            LOG.warn("Routing presence of {} failed", presence.getFrom(), e);
        }
    }
}
