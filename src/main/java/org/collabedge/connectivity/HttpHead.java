package org.collabedge.connectivity;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.collabedge.config.InternalServer;
import org.collabedge.config.Transport;

/** {@code HEAD / HTTP/1.1} to a web server, and its status line. Any status proves an HTTP server answers. */
final class HttpHead implements ServiceGreeting {

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\d(\\.\\d)? [1-5]\\d\\d( .*)?");

    @Override
    public String protocol() {
        return "HTTP";
    }

    @Override
    public byte[] request(InternalServer server, InetSocketAddress local) {
        int defaultPort = server.transport() == Transport.HTTPS ? 443 : 80;
        String host = ResponseLines.uriHost(server.address())
                + (server.port() == defaultPort ? "" : ":" + server.port());
        String message = "HEAD / HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "User-Agent: CollabEdge connectivity probe\r\n"
                + "Accept: */*\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        return message.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public Answer read(InputStream in) throws IOException {
        String line = ResponseLines.firstLine(in);
        return line == null ? Answer.NONE : Answer.of(STATUS_LINE.matcher(line).matches(), line);
    }
}
