package org.collabedge.sip.transport;

import java.util.Properties;

import gov.nist.core.StackLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes JAIN-SIP's own logging to SLF4J (Openfire's log4j2 behind it), so the stack never needs log4j 1.x. The stack
 * is chatty: its debug and trace stay at SLF4J debug/trace under the logger "org.collabedge.sip.stack".
 */
public final class Slf4jStackLogger implements StackLogger {

    private static final Logger LOG = LoggerFactory.getLogger("org.collabedge.sip.stack");

    @Override
    public void logStackTrace() {
    }

    @Override
    public void logStackTrace(int level) {
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        LOG.debug("SIP stack exception", ex);
    }

    @Override
    public void logDebug(String message) {
        LOG.debug(cut(message));
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.debug(cut(message), ex);
    }

    @Override
    public void logTrace(String message) {
        LOG.trace(cut(message));
    }

    @Override
    public void logFatalError(String message) {
        LOG.error(cut(message));
    }

    @Override
    public void logError(String message) {
        LOG.warn(cut(message));
    }

    /**
     * The stack puts whole messages (and 64 KiB datagram buffers) into some log lines: credentials are blanked (a
     * bearer token is a secret) and the line is cut short.
     */
    static String cut(String message) {
        if (message == null) {
            return null;
        }
        String safe = CREDENTIALS.matcher(message).replaceAll("$1 <redacted>");
        return safe.length() > MAX ? safe.substring(0, MAX) + "..." : safe;
    }

    private static final java.util.regex.Pattern CREDENTIALS = java.util.regex.Pattern.compile(
            "(?im)^((?:Proxy-)?Authorization\\s*:).*$");

    private static final int MAX = 300;

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isDebugEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        if (level >= TRACE_TRACE) {
            return LOG.isTraceEnabled();
        }
        if (level >= TRACE_DEBUG) {
            return LOG.isDebugEnabled();
        }
        if (level >= TRACE_INFO) {
            return LOG.isInfoEnabled();
        }
        return level > TRACE_NONE;
    }

    @Override
    public void logError(String message, Exception ex) {
        if (ex instanceof java.nio.channels.ClosedChannelException) {
            // The NIO selector registering a connection the access gate has just closed: expected, not an error.
            LOG.debug(cut(message), ex);
            return;
        }
        LOG.warn(cut(message), ex);
    }

    @Override
    public void logWarning(String message) {
        LOG.warn(cut(message));
    }

    @Override
    public void logInfo(String message) {
        LOG.debug(cut(message));
    }

    @Override
    public void disableLogging() {
    }

    @Override
    public void enableLogging() {
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
    }

    @Override
    public void setStackProperties(Properties properties) {
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }
}
