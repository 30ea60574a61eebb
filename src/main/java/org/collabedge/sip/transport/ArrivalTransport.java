package org.collabedge.sip.transport;

import java.util.Optional;

import gov.nist.javax.sip.message.SIPMessage;
import javax.sip.message.Message;

/**
 * The transport of the connection a message was read from, put on the message by the channel that read it. A
 * client's Via may name another: browsers (JsSIP, SIP.js) write {@code SIP/2.0/WS} on a secure WebSocket, and a
 * flow keyed by the Via's transport would name a listener the edge does not have, so it never opens.
 * Kept in the message's application data, which the SIP stack leaves to the application.
 */
public record ArrivalTransport(String transport) {

    /** Marks {@code message} as read from a connection of {@code transport}. */
    static void mark(SIPMessage message, String transport) {
        message.setApplicationData(new ArrivalTransport(transport));
    }

    /** The transport the channel recorded; empty for messages from channels that record none. */
    public static Optional<String> of(Message message) {
        return message instanceof SIPMessage m && m.getApplicationData() instanceof ArrivalTransport a
                ? Optional.of(a.transport()) : Optional.empty();
    }
}
