package org.collabedge.sso;

import java.io.IOException;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code GET /get_edge_sso?identity=user@domain}: answers {@code true} or {@code false} (text/plain), whether the
 * client may try SSO for this identity; see {@link SsoService#edgeSsoAvailable(String)}.
 */
final class EdgeSsoQueryServlet extends HttpServlet {

    private final transient SsoService sso;

    EdgeSsoQueryServlet(SsoService sso) {
        this.sso = sso;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean available = sso.edgeSsoAvailable(req.getParameter("identity"));
        SsoPages.noStore(resp);
        resp.setContentType("text/plain; charset=UTF-8");
        resp.getWriter().write(Boolean.toString(available));
    }
}
