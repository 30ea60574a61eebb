package org.collabedge.sso;

import java.io.IOException;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code GET /edge/sso/metadata[/<deployment id>]}: our SP metadata, public, so the entity ID resolves to it and an
 * IdP can import it by URL.
 */
final class SpMetadataServlet extends HttpServlet {

    private final transient SsoService sso;

    SpMetadataServlet(SsoService sso) {
        this.sso = sso;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        String deployment = path == null || path.equals("/") ? null : path.substring(1);
        if (deployment != null && sso.deploymentMissing(deployment)) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        resp.setContentType("application/samlmetadata+xml; charset=UTF-8");
        resp.getWriter().write(sso.spMetadata(deployment));
    }
}
