package org.collabedge.sip.transport;

import java.net.InetAddress;
import java.util.concurrent.Callable;

/**
 * The remote address of the NIO connection whose channel (and with it its message parser) is being built on this
 * thread. JAIN-SIP's NIO parser parses without telling the parser which channel the bytes came from, so the edge's
 * parser factory reads the source here when the parser is made and can still count refused messages against it.
 */
public final class ParsingSource {

    private static final ThreadLocal<InetAddress> BUILDING = new ThreadLocal<>();

    private ParsingSource() {
    }

    static <T> T building(InetAddress source, Callable<T> build) throws Exception {
        BUILDING.set(source);
        try {
            return build.call();
        } finally {
            BUILDING.remove();
        }
    }

    /** The source of the connection whose parser is being made now, or null (blocking channels, own messages). */
    public static InetAddress current() {
        return BUILDING.get();
    }
}
