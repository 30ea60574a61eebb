package org.collabedge.admin;

import java.io.IOException;
import java.util.function.Supplier;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.collabedge.core.EdgeCore;
import org.collabedge.metrics.EdgeMetrics;

/** Prometheus text exposition of every service's meters. */
public final class MetricsServlet extends HttpServlet {

    private final transient Supplier<EdgeCore> core;

    public MetricsServlet(Supplier<EdgeCore> core) {
        this.core = core;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        write(core.get(), resp);
    }

    static void write(EdgeCore edge, HttpServletResponse resp) throws IOException {
        if (edge == null || !edge.isRunning()) {
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Collaboration Edge is not running");
            return;
        }
        resp.setContentType(EdgeMetrics.CONTENT_TYPE);
        resp.setHeader("Cache-Control", "no-store");
        edge.metrics().writeTo(resp.getOutputStream());
    }
}
