package org.collabedge.connectivity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reading the first line of a text protocol's answer, bounded, and making it safe to show. */
final class ResponseLines {

    /** Longest line read, and longest text kept in a result. */
    static final int MAX_LINE = 512;
    static final int MAX_SHOWN = 160;

    private ResponseLines() {
    }

    /**
     * The first non-empty line (without its CR LF), or null at end of stream before any text. Leading empty lines
     * (SIP CRLF keep-alives) are skipped; a line longer than {@link #MAX_LINE} bytes is cut there, and so is a
     * line the server leaves unfinished when the socket times out or fails.
     */
    static String firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    if (line.size() > 0) {
                        break;
                    }
                } else if (b != '\r' || line.size() > 0) {
                    line.write(b);
                    if (line.size() >= MAX_LINE) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            if (line.size() == 0) {
                throw e;
            }
            // a partial line followed by silence or a reset is still what the server said
        }
        if (line.size() == 0) {
            return null;
        }
        return printable(line.toString(StandardCharsets.UTF_8));
    }

    /** Control characters replaced, trailing CR dropped, cut to {@link #MAX_SHOWN} characters. */
    static String printable(String text) {
        String trimmed = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        StringBuilder out = new StringBuilder(Math.min(trimmed.length(), MAX_SHOWN + 1));
        for (int i = 0; i < trimmed.length() && out.length() < MAX_SHOWN; i++) {
            char c = trimmed.charAt(i);
            out.append(Character.isISOControl(c) || c == '\uFFFD' ? '?' : c);
        }
        if (trimmed.length() > MAX_SHOWN) {
            out.append('\u2026');
        }
        return out.toString();
    }

    /** Host as it appears in a URI or Host header: IPv6 literals bracketed. */
    static String uriHost(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
