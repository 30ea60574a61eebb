package org.collabedge.sip.validation;

import java.net.InetAddress;

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
 * The channels are JAIN-SIP's, so the connection-oriented channel classes of the edge's listeners call in here.
 * JAIN-SIP's NIO parser ({@code NioPipelineParser.addBytes}) throws {@code RuntimeException("Max Message Size
 * Exceeded ...")} as soon as a message (head or body) passes the limit, and the channel then closes the connection:
 * the channel's {@code addBytes} (TCP) or {@code addPlaintextBytes} (TLS) override passes what it catches to
 * {@link #countIfTooLarge} and rethrows.
 */
public final class OversizedMessages {

    private static final Logger LOG = LoggerFactory.getLogger(OversizedMessages.class);
    /** Counted under RFC 3261's status for it (21.5.14), though the connection is closed without an answer. */
    public static final Refusal TOO_LARGE = new Refusal(513, "Message Too Large");

    private OversizedMessages() {
    }

    /**
     * Counts the failure when {@code e} is JAIN-SIP giving up on a message for its size (the NIO parser's
     * "Max Message Size Exceeded", the blocking parser's "Max size exceeded!", "Max content size Exceeded!" and
     * "... headers size exceeded", the channel's "Message size exceeded"); anything else is left to its own handling.
     *
     * @return whether it was the size limit (and counted)
     */
    public static boolean countIfTooLarge(Throwable e, String stackName, InetAddress source) {
        String m = e == null ? null : e.getMessage();
        if (m == null || !m.toLowerCase(java.util.Locale.ROOT).contains("size exceeded")) {
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
