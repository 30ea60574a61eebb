package org.collabedge.admin;

import java.io.IOException;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.collabedge.core.EdgeCore;
import org.collabedge.metrics.EdgeMetrics;

/**
 * The metrics URL serves people and scrapers: a browser (asking for HTML) gets the admin page, anything else the
 * Prometheus text. Both hosts decide with {@link #wantsText}.
 */
public final class MetricsExposition {

    private MetricsExposition() {
    }

    public static boolean wantsText(HttpServletRequest req) {
        String accept = req.getHeader("Accept");
        return accept == null || !accept.contains("text/html");
    }

    static void write(EdgeCore edge, HttpServletResponse resp) throws IOException {
        resp.setContentType(EdgeMetrics.CONTENT_TYPE);
        resp.setHeader("Cache-Control", "no-store");
        edge.metrics().writeTo(resp.getOutputStream());
    }
}
