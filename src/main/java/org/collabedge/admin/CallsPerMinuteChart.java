package org.collabedge.admin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

import org.collabedge.i18n.Messages;
import org.collabedge.sip.status.CallRecord;

/**
 * A small bar chart of calls started per minute over the call history, drawn server-side as inline SVG. It shows at
 * most the last {@link #MAX_MINUTES} minutes before the newest call. Only numbers and times reach the SVG, and the
 * title is XML-escaped, so the markup can be written unescaped into the page.
 */
final class CallsPerMinuteChart {

    static final int MAX_MINUTES = 120;
    private static final int WIDTH = 720;
    private static final int HEIGHT = 140;
    private static final int PAD = 28;
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private CallsPerMinuteChart() {
    }

    /** Counts per minute, oldest first, ending with the newest call's minute; empty without calls. */
    static int[] perMinute(List<CallRecord> calls) {
        Instant newest = calls.stream().map(CallRecord::startedAt).filter(Objects::nonNull).max(Instant::compareTo)
                .orElse(null);
        if (newest == null) {
            return new int[0];
        }
        Instant last = newest.truncatedTo(ChronoUnit.MINUTES);
        Instant oldest = calls.stream().map(CallRecord::startedAt).filter(Objects::nonNull).min(Instant::compareTo)
                .orElseThrow().truncatedTo(ChronoUnit.MINUTES);
        int minutes = (int) Math.min(MAX_MINUTES, ChronoUnit.MINUTES.between(oldest, last) + 1);
        int[] counts = new int[minutes];
        for (CallRecord c : calls) {
            if (c.startedAt() == null) {
                continue;
            }
            long back = ChronoUnit.MINUTES.between(c.startedAt().truncatedTo(ChronoUnit.MINUTES), last);
            if (back >= 0 && back < minutes) {
                counts[minutes - 1 - (int) back]++;
            }
        }
        return counts;
    }

    /** The chart, or null when there is nothing to draw. */
    static String svg(List<CallRecord> calls, Messages messages) {
        int[] counts = perMinute(calls);
        if (counts.length == 0) {
            return null;
        }
        int max = 1;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        Instant last = calls.stream().map(CallRecord::startedAt).filter(Objects::nonNull).max(Instant::compareTo)
                .orElseThrow().truncatedTo(ChronoUnit.MINUTES);
        Instant first = last.minus(counts.length - 1L, ChronoUnit.MINUTES);
        double slot = (WIDTH - 2.0 * PAD) / counts.length;
        double plot = HEIGHT - 2.0 * PAD;
        StringBuilder s = new StringBuilder();
        String title = xml(messages.get("sip.history.chart_title"));
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"calls-per-minute\" role=\"img\" width=\"")
                .append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(HEIGHT).append("\" aria-label=\"").append(title).append("\"><title>")
                .append(title).append("</title>");
        s.append("<line x1=\"").append(PAD).append("\" y1=\"").append(HEIGHT - PAD).append("\" x2=\"")
                .append(WIDTH - PAD).append("\" y2=\"").append(HEIGHT - PAD).append("\" stroke=\"#888\"/>");
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                continue;
            }
            double h = plot * counts[i] / max;
            s.append(String.format(java.util.Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#1d3557\">"
                            + "<title>%s: %d</title></rect>",
                    PAD + i * slot + slot * 0.1, HEIGHT - PAD - h, Math.max(1, slot * 0.8), h,
                    HHMM.format(first.plus(i, ChronoUnit.MINUTES)), counts[i]));
        }
        s.append("<text x=\"4\" y=\"").append(PAD).append("\" font-size=\"11\">").append(max).append("</text>");
        s.append("<text x=\"").append(PAD).append("\" y=\"").append(HEIGHT - 8).append("\" font-size=\"11\">")
                .append(HHMM.format(first)).append("</text>");
        s.append("<text x=\"").append(WIDTH - PAD).append("\" y=\"").append(HEIGHT - 8)
                .append("\" font-size=\"11\" text-anchor=\"end\">").append(HHMM.format(last)).append(" UTC</text>");
        return s.append("</svg>").toString();
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
