package org.collabedge.host;

/**
 * Publishes presence for a user on behalf of an edge service (for example a resource "sip" while the user's phone is
 * registered). The Openfire host sends XMPP presence; the standalone host logs it.
 */
public interface PresencePublisher {

    /** What a user is doing, as XMPP's show values. */
    enum Show { AVAILABLE, AWAY, DND, XA }

    void available(String username, String resource, Show show, String status);

    void unavailable(String username, String resource);
}
