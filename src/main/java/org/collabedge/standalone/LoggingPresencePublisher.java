package org.collabedge.standalone;

import org.collabedge.host.PresencePublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The standalone host has no XMPP server: presence changes are logged so they can be seen and tested. */
public final class LoggingPresencePublisher implements PresencePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingPresencePublisher.class);

    @Override
    public void available(String username, String resource, Show show, String status) {
        LOG.info("presence: {}/{} available show={} status={}", username, resource, show, status);
    }

    @Override
    public void unavailable(String username, String resource) {
        LOG.info("presence: {}/{} unavailable", username, resource);
    }
}
