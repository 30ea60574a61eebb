package org.collabedge.connectivity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.collabedge.config.InternalServer;

/**
 * An XMPP client stream header (RFC 6120 section 4.2) to an IM and presence server, answered by the server's own
 * {@code <stream:stream ...>} header, which a server sends even before a stream error.
 */
final class XmppStreamHeader implements ServiceGreeting {

    private static final int MAX_ANSWER = 4096;

    @Override
    public String protocol() {
        return "XMPP";
    }

    @Override
    public byte[] request(InternalServer server, InetSocketAddress local) {
        String header = "<?xml version='1.0'?><stream:stream to='" + attribute(server.address())
                + "' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
        return header.getBytes(StandardCharsets.UTF_8);
    }

    /** Reads tag by tag: an XML declaration is skipped, the stream header is the answer, anything else is not. */
    @Override
    public Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream tag = new ByteArrayOutputStream();
        try {
            int total = 0;
            int b;
            while (total++ < MAX_ANSWER && (b = in.read()) != -1) {
                if (tag.size() == 0 && Character.isWhitespace(b)) {
                    continue;
                }
                tag.write(b);
                if (tag.size() == 1 && b != '<') {
                    return verdict(tag, in.available() > 0 ? in.readNBytes(Math.min(in.available(), 64)) : null);
                }
                if (b == '>') {
                    if (!tag.toString(StandardCharsets.UTF_8).startsWith("<?xml")) {
                        return verdict(tag, null);
                    }
                    tag.reset();
                }
            }
        } catch (IOException e) {
            if (tag.size() == 0) {
                throw e;
            }
        }
        return tag.size() == 0 ? Answer.NONE : verdict(tag, null);
    }

    private static Answer verdict(ByteArrayOutputStream tag, byte[] more) {
        String text = tag.toString(StandardCharsets.UTF_8)
                + (more == null ? "" : new String(more, StandardCharsets.UTF_8));
        return Answer.of(text.startsWith("<stream:stream"), ResponseLines.printable(text));
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("'", "&apos;").replace("<", "&lt;");
    }
}
