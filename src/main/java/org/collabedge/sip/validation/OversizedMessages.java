package org.collabedge.sip.validation;

import java.net.InetAddress;

import gov.nist.javax.sip.message.SIPMessage;
import org.collabedge.protection.FailureCategory;
import org.collabedge.sip.transport.StackContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts a message beyond the listener's size limit on a connection (TCP, TLS) as a {@code SIP_PROTOCOL} failure of
 * its sender, as {@link ReportingParserFactory} counts other malformed input: JAIN-SIP's connection-oriented channels
 * answer an oversized request with 513 (or drop the connection) and tell nobody, so a client could send them for
 * ever without being banned.
 * <p>
 * The channels are JAIN-SIP's, so the connection-oriented channel classes of the edge's listeners call in here: from
 * their {@code processMessage(SIPMessage)} override, {@link #count} before {@code super.processMessage}; and
 * {@link #report} wherever their reader gives up on a message that passed the limit before it was complete.
 */
public final class OversizedMessages {

    private static final Logger LOG = LoggerFactory.getLogger(OversizedMessages.class);
    /** RFC 3261 section 21.5.14: the status JAIN-SIP answers an oversized request with. */
    public static final Refusal TOO_LARGE = new Refusal(513, "Message Too Large");

    private OversizedMessages() {
    }

    /**
     * Whether {@code message} is larger than {@code limit} bytes as JAIN-SIP measures it (head plus Content-Length);
     * never for a limit of 0 or less, which means none.
     */
    public static boolean exceeds(SIPMessage message, int limit) {
        if (limit <= 0) {
            return false;
        }
        int body = message.getContentLength() == null ? 0 : message.getContentLength().getContentLength();
        return (long) message.getSize() + body > limit;
    }

    /**
     * Counts {@code message} from {@code source} when it exceeds {@code limit}; the stack then refuses it as before.
     *
     * @return whether it was oversized (and counted)
     */
    public static boolean count(SIPMessage message, int limit, String stackName, InetAddress source) {
        if (!exceeds(message, limit)) {
            return false;
        }
        report(stackName, source);
        return true;
    }

    /** Counts one oversized message from {@code source} against the stack's protection and failure metric. */
    public static void report(String stackName, InetAddress source) {
        if (source == null) {
            return;
        }
        ValveContext context;
        try {
            context = StackContexts.get(stackName, ValveContext.PROPERTY, ValveContext.class);
        } catch (IllegalStateException stopped) {
            LOG.debug("An oversized SIP message could not be reported: {}", stopped.getMessage());
            return;
        }
        LOG.debug("Oversized SIP message from {}", source.getHostAddress());
        context.events().failure(FailureCategory.SIP_PROTOCOL, source, null);
        context.refusals().accept(TOO_LARGE);
    }
}
