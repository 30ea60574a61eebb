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
 * Openfire (PresenceRouter#route, 4.x to 5.x) a stanza whose sender has no connected client session is not bounced
 * but handled: an available or unavailable presence without recipient goes to PresenceUpdateHandler#process, which
 * with no session still calls broadcastUpdate (the sender's Roster#broadcastPresence: every contact with a "from" or
 * "both" subscription, on any cluster node, plus the user's other resources), and then tells the PresenceManager
 * (userAvailable / userUnavailable, which records the last unavailable presence when the user has no session).
 * Interceptors run as for any presence. The alternatives were ruled out: routing through RoutingTable needs the
 * roster (RosterManager is not in our stable API) and skips the privacy lists; PresenceManager has no broadcast
 * method; a fake ClientSession is not API at all.
 *
 * <p><b>Limits.</b> The resource has no session, so it does not answer presence probes: a contact that comes
 * online later sees it only at the next publish (a service that cares re-publishes from time to time). A real client session with
 * the very same full JID would instead receive a not-authorized error, so edge resources use names clients do not.
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
