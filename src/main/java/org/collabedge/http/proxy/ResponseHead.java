package org.collabedge.http.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A backend's status line and headers, read strictly: CRLF (or bare LF) line ends, no obsolete line folding, token
 * header names, a size limit. Anything else is a broken backend (502), never guessed at.
 */
public record ResponseHead(int status, List<Header> headers) {

    public record Header(String name, String value) {
    }

    public String first(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                values.add(h.value());
            }
        }
        return values;
    }

    /** Whether the named header lists {@code token} (comma-separated, case-insensitive). */
    public boolean hasToken(String name, String token) {
        for (String value : all(name)) {
            for (String part : value.split(",")) {
                if (part.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @throws BadBackendResponse when the head is malformed or larger than {@code limit} bytes */
    public static ResponseHead read(InputStream in, int limit) throws IOException {
        int[] budget = {limit};
        String statusLine = line(in, budget);
        if (statusLine == null) {
            throw new BadBackendResponse("connection closed before a response");
        }
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new BadBackendResponse("bad status line");
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new BadBackendResponse("bad status code");
        }
        if (status < 100 || status > 599) {
            throw new BadBackendResponse("bad status code");
        }
        List<Header> headers = new ArrayList<>();
        for (String line; !(line = line(in, budget)).isEmpty(); ) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new BadBackendResponse("bad header line");
            }
            String name = line.substring(0, colon);
            if (!name.chars().allMatch(ResponseHead::isTokenChar)) {
                throw new BadBackendResponse("bad header name");
            }
            headers.add(new Header(name, line.substring(colon + 1).strip()));
        }
        return new ResponseHead(status, List.copyOf(headers));
    }

    private static String line(InputStream in, int[] budget) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (sb.length() == 0) {
                    return null;
                }
                throw new BadBackendResponse("truncated head");
            }
            if (--budget[0] < 0) {
                throw new BadBackendResponse("response head too large");
            }
            if (b == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            if ((b < 0x20 && b != '\t' && b != '\r') || b == 0x7f) {
                throw new BadBackendResponse("control character in head");
            }
            sb.append((char) b);
        }
    }

    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    boolean isInterim() {
        return status >= 100 && status < 200 && status != 101;
    }
}
