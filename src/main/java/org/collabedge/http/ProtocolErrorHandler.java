package org.collabedge.http;

import java.net.InetSocketAddress;

import org.collabedge.protection.FailureCategory;
import org.collabedge.protection.SecurityEvents;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises itself (malformed request line or headers, oversized headers, bad framing) with
 * its short page, never a stack trace, and counts each client error as an HTTP proxy protocol failure of its source
 * so intrusion protection sees malformed traffic that never reaches the proxy handler.
 */
final class ProtocolErrorHandler extends ErrorHandler {

    private final SecurityEvents events;

    ProtocolErrorHandler(SecurityEvents events) {
        this.events = events;
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Object status = request.getAttribute(ERROR_STATUS);
        if (status instanceof Integer code && code >= 400 && code < 500 && code != 404
                && request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress remote) {
            events.failure(FailureCategory.HTTP_PROXY_PROTOCOL, remote.getAddress(), null);
        }
        return super.handle(request, response, callback);
    }
}
