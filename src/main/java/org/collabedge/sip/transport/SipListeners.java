package org.collabedge.sip.transport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sip.ListeningPoint;
import javax.sip.SipListener;
import javax.sip.SipProvider;

import gov.nist.javax.sip.SipStackImpl;
import org.collabedge.config.EdgeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running JAIN-SIP stack with the listeners EdgeSettings switches on (TLS 5061 by default; TCP, UDP and
 * secure WebSocket off) on the listen address, and one provider over all of them. A listener whose port cannot be
 * opened is skipped and named in {@link #problems()}, so the rest of the edge keeps running.
 */
public final class SipListeners {

    private static final Logger LOG = LoggerFactory.getLogger(SipListeners.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SipStackImpl stack;
    private final SipProvider provider;
    private volatile Map<String, Integer> ports;
    private volatile List<String> problems;

    private SipListeners(SipStackImpl stack, SipProvider provider, Map<String, Integer> ports,
                         List<String> problems) {
        this.stack = stack;
        this.provider = provider;
        this.ports = ports;
        this.problems = problems;
    }

    /** What to open, per transport: port, or absent when off. */
    public static Map<String, Integer> wanted(EdgeSettings s) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (s.sipTlsEnabled()) {
            out.put("TLS", s.sipTlsPort());
        }
        if (s.sipTcpEnabled()) {
            out.put("TCP", s.sipTcpPort());
        }
        if (s.sipUdpEnabled()) {
            out.put("UDP", s.sipUdpPort());
        }
        if (s.sipWssEnabled()) {
            out.put("WSS", s.sipWssPort());
        }
        return out;
    }

    /** A stack name unique in this JVM, under which {@link StackProperties} registers the stack's contexts. */
    public static String newStackName(String nodeId) {
        return "collabedge-" + nodeId + "-" + INSTANCES.incrementAndGet();
    }

    public static SipListeners start(String listenAddress, Map<String, Integer> wanted, Properties props,
                                     SipListener listener) throws Exception {
        SipStackImpl stack = new SipStackImpl(props);
        Map<String, Integer> bound = new LinkedHashMap<>();
        List<String> problems = new java.util.ArrayList<>();
        SipProvider provider = null;
        String address = listenAddress == null || listenAddress.isBlank() ? "0.0.0.0"
                : listenAddress.replace("[", "").replace("]", "");
        for (Map.Entry<String, Integer> e : wanted.entrySet()) {
            try {
                ListeningPoint lp = stack.createListeningPoint(address, e.getValue(), e.getKey());
                if (provider == null) {
                    provider = stack.createSipProvider(lp);
                } else {
                    provider.addListeningPoint(lp);
                }
                bound.put(e.getKey(), lp.getPort());
            } catch (Exception ex) {
                String problem = "SIP " + e.getKey() + " listener on " + address + ":" + e.getValue()
                        + " could not be opened: " + ex.getMessage();
                LOG.warn(problem);
                problems.add(problem);
            }
        }
        if (provider != null) {
            provider.addSipListener(listener);
        }
        stack.start();
        LOG.info("SIP edge listening on {} {}", address, bound);
        return new SipListeners(stack, provider, Map.copyOf(bound), List.copyOf(problems));
    }

    /**
     * Switches the secure WebSocket listener on, off or to another port in place, so the other listeners and their
     * connections stay up. False, with nothing changed, when this stack cannot do it (no provider, or it would be
     * left without any listener): then the caller restarts the stack.
     */
    public synchronized boolean retuneWebSocket(Integer port) {
        ListeningPoint current = provider == null ? null : provider.getListeningPoint(WssMessageProcessor.TRANSPORT);
        if (provider == null || (port == null && current != null && provider.getListeningPoints().length == 1)) {
            return false;
        }
        Map<String, Integer> bound = new LinkedHashMap<>(ports);
        List<String> now = new java.util.ArrayList<>(problems);
        now.removeIf(p -> p.startsWith("SIP " + WssMessageProcessor.TRANSPORT + " "));
        try {
            if (current != null) {
                // The WSS processor is never "in use": stopping it closes its WebSockets.
                stack.deleteListeningPoint(current);
                provider.removeListeningPoint(current);
                bound.remove(WssMessageProcessor.TRANSPORT);
            }
        } catch (javax.sip.ObjectInUseException e) {
            throw new IllegalStateException("The SIP WebSocket listener could not be closed", e);
        }
        if (port != null) {
            String address = provider.getListeningPoints()[0].getIPAddress();
            try {
                ListeningPoint lp = stack.createListeningPoint(address, port, WssMessageProcessor.TRANSPORT);
                provider.addListeningPoint(lp);
                bound.put(WssMessageProcessor.TRANSPORT, lp.getPort());
            } catch (Exception e) {
                String problem = "SIP " + WssMessageProcessor.TRANSPORT + " listener on " + address + ":" + port
                        + " could not be opened: " + e.getMessage();
                LOG.warn(problem);
                now.add(problem);
            }
        }
        ports = Map.copyOf(bound);
        problems = List.copyOf(now);
        LOG.info("SIP edge listening on {}", ports);
        return true;
    }

    /** The provider, or null when no listener could be opened. */
    public SipProvider provider() {
        return provider;
    }

    /** The running stack, for a part that opens its own provider on it (the node-to-node listener). */
    public SipStackImpl stack() {
        return stack;
    }

    /** Open listeners: transport to port. */
    public Map<String, Integer> ports() {
        return ports;
    }

    public List<String> problems() {
        return problems;
    }

    /**
     * Stops the stack and every thread it started (a plugin unload must leave none). JAIN-SIP's own stop sleeps a
     * fixed second, so this takes about that long. The stack's stop only flags its event scanner thread, which would
     * then wait forever for an event: one empty event wakes it so it sees the flag and ends.
     */
    public void stop() {
        gov.nist.javax.sip.EventScanner scanner = stack.getEventScanner();
        try {
            if (provider != null) {
                provider.removeSipListener(((gov.nist.javax.sip.SipProviderImpl) provider).getSipListener());
                ListeningPoint[] points = provider.getListeningPoints();
                for (ListeningPoint lp : points) {
                    provider.removeListeningPoint(lp);
                }
                stack.deleteSipProvider(provider);
                for (ListeningPoint lp : points) {
                    stack.deleteListeningPoint(lp);
                }
            }
        } catch (Exception e) {
            LOG.debug("Closing the SIP listeners failed", e);
        }
        stack.stop();
        if (scanner != null) {
            scanner.addEvent(new gov.nist.javax.sip.EventWrapper(new java.util.EventObject(this), null));
        }
        StackContexts.remove(stack.getStackName());
    }
}
