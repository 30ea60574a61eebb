package org.collabedge.sip.transport;

import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.function.Supplier;

import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.address.Router;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;

import gov.nist.javax.sip.stack.HopImpl;

/**
 * The stack's router. A request towards a client goes to the flow the proxy chose for it (the connection the client
 * registered or dialled over), handed in for the duration of one send through {@link #through}; any other request
 * goes to its top Route or, failing that, its Request-URI.
 */
public final class EdgeRouter implements Router {

    private static final ThreadLocal<Flow> NEXT_FLOW = new ThreadLocal<>();

    /** The stack instantiates routers reflectively with this constructor. */
    public EdgeRouter(SipStack stack, String outboundProxy) {
    }

    /** Runs {@code send} with {@code flow} as the next hop of whatever request it sends. */
    public static <T> T through(Flow flow, Supplier<T> send) {
        Flow previous = NEXT_FLOW.get();
        NEXT_FLOW.set(flow);
        try {
            return send.get();
        } finally {
            if (previous == null) {
                NEXT_FLOW.remove();
            } else {
                NEXT_FLOW.set(previous);
            }
        }
    }

    @Override
    public Hop getNextHop(Request request) throws SipException {
        Flow flow = NEXT_FLOW.get();
        if (flow != null) {
            return new HopImpl(flow.host(), flow.port(), flow.transport());
        }
        RouteHeader route = (RouteHeader) request.getHeader(RouteHeader.NAME);
        URI target = route != null ? route.getAddress().getURI() : request.getRequestURI();
        if (!(target instanceof SipURI sip)) {
            throw new SipException("No route for a non-SIP URI");
        }
        return hopOf(sip);
    }

    /** Host, port and transport of a SIP URI with RFC 3261's defaults (DNS SRV is not consulted here). */
    public static Hop hopOf(SipURI uri) {
        String transport = uri.getTransportParam();
        if (transport == null) {
            transport = uri.isSecure() ? "TLS" : "UDP";
        }
        transport = transport.toUpperCase(Locale.ROOT);
        int port = uri.getPort();
        if (port <= 0) {
            port = "TLS".equals(transport) ? 5061 : 5060;
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new HopImpl(host, port, transport);
    }

    @Override
    public Hop getOutboundProxy() {
        return null;
    }

    @Override
    @SuppressWarnings({"deprecation", "rawtypes"})
    public ListIterator getNextHops(Request request) {
        try {
            return List.of(getNextHop(request)).listIterator();
        } catch (SipException e) {
            return List.of().listIterator();
        }
    }
}
