package org.collabedge.connectivity;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;

import org.collabedge.config.InternalServer;

/**
 * The one request-and-answer that proves a server speaks the protocol its type promises: SIP OPTIONS to call
 * control, HTTP HEAD to web services, an XMPP stream header to IM and presence.
 */
interface ServiceGreeting {

    /** Protocol name for result details: "SIP", "HTTP", "XMPP". */
    String protocol();

    /** The request bytes, addressed to {@code server}, sent from {@code local}. */
    byte[] request(InternalServer server, InetSocketAddress local);

    /**
     * Reads the server's answer. Returns {@link Answer#NONE} when the stream ends before any answer; socket
     * timeouts and failures propagate.
     */
    Answer read(InputStream in) throws IOException;

    /**
     * What the server said.
     *
     * @param recognised the answer is this protocol's (any status counts: the server answered)
     * @param line       the first line (or opening element) of the answer, printable and bounded; null for none
     */
    record Answer(boolean recognised, String line) {

        static final Answer NONE = new Answer(false, null);

        static Answer of(boolean recognised, String line) {
            return new Answer(recognised, line);
        }
    }
}
