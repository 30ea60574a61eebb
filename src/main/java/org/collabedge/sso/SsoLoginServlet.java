package org.collabedge.sso;

import java.io.IOException;
import java.net.URI;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code GET /edge/sso/login?identity=user@domain[&return_to=http://127.0.0.1:PORT/path]}: sends the browser to the
 * IdP of the identity's domain with a signed AuthnRequest (HTTP-Redirect). {@code return_to} lets a native client
 * receive the tokens on a loopback redirect (RFC 8252 7.3); any other return address is refused so tokens can never
 * be sent to a third party.
 */
final class SsoLoginServlet extends HttpServlet {

    private final transient SsoService sso;

    SsoLoginServlet(SsoService sso) {
        this.sso = sso;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String returnTo = req.getParameter("return_to");
        if (returnTo != null && !isLoopback(returnTo)) {
            SsoPages.noStore(resp);
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "return_to must be an http URL on 127.0.0.1 or [::1]");
            return;
        }
        try {
            AuthnRequestEncoder.Redirect r = sso.startLogin(req.getParameter("identity"), returnTo);
            SsoPages.noStore(resp);
            resp.sendRedirect(r.location());
        } catch (SsoRefused e) {
            SsoPages.failure(req, resp, HttpServletResponse.SC_BAD_REQUEST, e.failure());
        }
    }

    static boolean isLoopback(String url) {
        try {
            URI u = new URI(url);
            String host = u.getHost();
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getRawFragment() == null
                    && u.getUserInfo() == null
                    && ("127.0.0.1".equals(host) || "[::1]".equals(host) || "localhost".equals(host));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
