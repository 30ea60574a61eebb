package org.collabedge.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A SIP message as a test client reads it off the wire: first line, headers in order, body. */
record SipMsg(String firstLine, List<Map.Entry<String, String>> headers, String body) {

    static SipMsg parse(String text) {
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        String[] lines = head.split("\r\n");
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(Map.entry(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()));
            }
        }
        return new SipMsg(lines[0], headers, body);
    }

    boolean isResponse() {
        return firstLine.startsWith("SIP/2.0 ");
    }

    int status() {
        return isResponse() ? Integer.parseInt(firstLine.substring(8, 11)) : 0;
    }

    String method() {
        return isResponse() ? header("CSeq").replaceAll("^\\d+\\s+", "") : firstLine.substring(0, firstLine.indexOf(' '));
    }

    String requestUri() {
        return firstLine.split(" ")[1];
    }

    /** The first value of a header (long or compact name), or null. */
    String header(String name) {
        List<String> all = headers(name);
        return all.isEmpty() ? null : all.get(0);
    }

    List<String> headers(String name) {
        String compact = COMPACT.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            String n = h.getKey().toLowerCase(Locale.ROOT);
            if (n.equals(name.toLowerCase(Locale.ROOT)) || n.equals(compact)) {
                if (LISTS.contains(n)) {
                    out.addAll(splitList(h.getValue()));
                } else {
                    out.add(h.getValue());
                }
            }
        }
        return out;
    }

    private static final Map<String, String> COMPACT = Map.of("via", "v", "from", "f", "to", "t", "call-id", "i",
            "contact", "m", "content-length", "l", "content-type", "c");

    private static final java.util.Set<String> LISTS = java.util.Set.of("via", "v", "record-route", "route");

    /** Splits a comma-separated header list, respecting <...> and quotes. */
    private static List<String> splitList(String value) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                depth++;
            } else if (!quoted && c == '>') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                out.add(value.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(value.substring(start).trim());
        return out;
    }

    @Override
    public String toString() {
        return firstLine;
    }
}
