package org.collabedge.sip.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;

import javax.net.ssl.SSLSocket;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageProcessor;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import org.collabedge.protection.SecurityEvents;
import org.collabedge.sip.config.WebSocketOrigins;
import org.collabedge.sip.validation.Refusal;
import org.collabedge.sip.validation.ValveContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP-over-secure-WebSocket listener (RFC 7118, transport "WSS") inside the JAIN-SIP stack. It accepts through
 * the same gated, flow-tracking TLS server socket as the TLS listener (banned sources refused before the handshake,
 * TLS 1.2+ from the edge's live certificate), records each connection as a WSS flow, and reads each on its own thread
 * like the stack's blocking TCP/TLS listeners do. JAIN-SIP's own WebSocket listeners are NIO-only, take their TLS
 * from the stack's keystore and accept any subprotocol, so the edge terminates WebSocket itself.
 */
final class WssMessageProcessor extends ConnectionOrientedMessageProcessor implements Runnable {

    static final String TRANSPORT = "WSS";
    private static final Logger LOG = LoggerFactory.getLogger(WssMessageProcessor.class);
    /** Most WebSockets held at once; each has its reading thread, as the blocking TLS listener's connections do. */
    static final int MAX_CONNECTIONS = 50_000;
    private static final Refusal BAD_INPUT = new Refusal(400, "Bad SIP WebSocket input");

    private SecurityEvents events;

    WssMessageProcessor(InetAddress address, SIPTransactionStack stack, int port) {
        super(address, port, TRANSPORT, stack);
    }

    @Override
    public void start() throws IOException {
        String stackName = ((SipStackImpl) sipStack).getStackName();
        TransportContext context = StackContexts.get(stackName, TransportContext.PROPERTY, TransportContext.class);
        ValveContext valve = StackContexts.get(stackName, ValveContext.PROPERTY, ValveContext.class);
        // Bad handshakes, frames and messages count like the valve's refusals: protection and the failure metric.
        events = (category, source, user) -> {
            valve.events().failure(category, source, user);
            valve.refusals().accept(BAD_INPUT);
        };
        sock = new TlsServerSocket(getPort(), 0, getIpAddress(), context.flows(), context.gate(),
                context.serverTls(), TRANSPORT);
        if (getIpAddress().isAnyLocalAddress()) {
            setIpAddress(sock.getInetAddress());
        }
        isRunning = true;
        Thread thread = new Thread(this, "MessageProcessorThread-WSS-" + getIpAddress().getHostAddress() + "/"
                + getPort());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The SIP service's live Origin allow-list; until it is registered, the safe default: no web page, only
     * clients without Origin.
     */
    private java.util.function.Predicate<String> origins() {
        return StackContexts.find(((SipStackImpl) sipStack).getStackName(), WebSocketOrigins.PROPERTY,
                WebSocketOrigins.class).<java.util.function.Predicate<String>>map(o -> o)
                .orElse(origin -> origin == null);
    }

    @Override
    public void run() {
        while (isRunning) {
            try {
                Socket accepted = sock.accept();
                if (incomingMessageChannels.size() >= MAX_CONNECTIONS) {
                    LOG.warn("SIP WebSocket from {} refused: {} connections open", accepted.getInetAddress()
                            .getHostAddress(), MAX_CONNECTIONS);
                    accepted.close();
                    continue;
                }
                WssConnection connection = new WssConnection((SSLSocket) accepted, events,
                        StackProperties.MAX_MESSAGE_SIZE, origins());
                WssMessageChannel channel = new WssMessageChannel(connection, sipStack, this, events,
                        "WSSMessageChannelThread-" + accepted.getPort());
                incomingMessageChannels.put(channel.getKey(), channel);
            } catch (SocketException e) {
                isRunning = false;
            } catch (IOException e) {
                LOG.debug("Accepting a SIP WebSocket failed", e);
            }
        }
    }

    @Override
    public synchronized void stop() {
        isRunning = false;
        try {
            sock.close();
        } catch (IOException e) {
            LOG.debug("Closing the SIP WebSocket listener failed", e);
        }
        incomingMessageChannels.values().forEach(ConnectionOrientedMessageChannel::close);
        messageChannels.values().forEach(ConnectionOrientedMessageChannel::close);
        notifyAll();
    }

    /** The open WebSocket a client connected from; there is no other way to reach a WebSocket client. */
    @Override
    public MessageChannel createMessageChannel(HostPort target) throws IOException {
        return open(MessageChannel.getKey(target, TRANSPORT), target.toString());
    }

    @Override
    public MessageChannel createMessageChannel(InetAddress host, int port) throws IOException {
        return open(MessageChannel.getKey(host, port, TRANSPORT), host.getHostAddress() + ":" + port);
    }

    private MessageChannel open(String key, String target) throws IOException {
        ConnectionOrientedMessageChannel channel = incomingMessageChannels.get(key);
        if (channel == null) {
            channel = messageChannels.get(key);
        }
        if (channel == null) {
            throw new IOException("No open SIP WebSocket from " + target);
        }
        return channel;
    }

    /** Never holds up its removal: {@link #stop()} closes the WebSockets it still has. */
    @Override
    public boolean inUse() {
        return false;
    }

    @Override
    public int getDefaultTargetPort() {
        return 443;
    }

    @Override
    public boolean isSecure() {
        return true;
    }

    @Override
    public int getMaximumMessageSize() {
        return StackProperties.MAX_MESSAGE_SIZE;
    }
}
