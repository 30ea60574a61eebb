package org.collabedge.connectivity;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import org.collabedge.config.InternalServer;
import org.collabedge.config.Transport;

/**
 * A SIP OPTIONS request (RFC 3261 section 11) to call control, and its status line. Any final or provisional
 * response proves a SIP server answers, even 401 or 404.
 */
final class SipOptions implements ServiceGreeting {

    private static final Pattern STATUS_LINE = Pattern.compile("SIP/2\\.0 [1-6]\\d\\d( .*)?");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String protocol() {
        return "SIP";
    }

    @Override
    public byte[] request(InternalServer server, InetSocketAddress local) {
        String transport = server.transport() == Transport.TLS ? "TLS"
                : server.transport() == Transport.UDP ? "UDP" : "TCP";
        String uriParam = transport.equals("UDP") ? "" : ";transport=" + transport.toLowerCase(Locale.ROOT);
        String target = ResponseLines.uriHost(server.address()) + ":" + server.port();
        String localHost = ResponseLines.uriHost(local.getAddress().getHostAddress());
        String sentBy = localHost + ":" + local.getPort();
        String message = "OPTIONS sip:" + target + uriParam + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " " + sentBy + ";branch=z9hG4bK" + token(8) + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@" + localHost + ">;tag=" + token(6) + "\r\n"
                + "To: <sip:" + target + ">\r\n"
                + "Call-ID: " + token(12) + "@" + localHost + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Contact: <sip:probe@" + sentBy + uriParam + ">\r\n"
                + "Accept: application/sdp\r\n"
                + "User-Agent: CollabEdge connectivity probe\r\n"
                + "Content-Length: 0\r\n"
                + "\r\n";
        return message.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Answer read(InputStream in) throws IOException {
        String line = ResponseLines.firstLine(in);
        return line == null ? Answer.NONE : Answer.of(STATUS_LINE.matcher(line).matches(), line);
    }

    private static String token(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
