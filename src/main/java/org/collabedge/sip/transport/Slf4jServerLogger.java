package org.collabedge.sip.transport;

import java.util.Properties;

import javax.sip.SipStack;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's message trace, at SLF4J trace level only (messages carry credentials in Authorization headers, so
 * they are never logged above trace, and the first line is all that is written).
 */
public final class Slf4jServerLogger implements ServerLogger {

    private static final Logger LOG = LoggerFactory.getLogger("org.collabedge.sip.messages");

    @Override
    public void closeLogFile() {
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        log(message, from, to, sender);
    }

    private static void log(SIPMessage message, String from, String to, boolean sender) {
        if (LOG.isTraceEnabled()) {
            LOG.trace("{} {} -> {}: {}", sender ? "sent" : "received", from, to, message.getFirstLine().trim());
        }
    }

    @Override
    public void logException(Exception ex) {
        LOG.debug("SIP stack exception", ex);
    }

    @Override
    public void setStackProperties(Properties properties) {
    }

    @Override
    public void setSipStack(SipStack stack) {
    }
}
