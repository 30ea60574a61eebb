package org.collabedge.sso;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.collabedge.i18n.Messages;

/**
 * {@code POST /edge/sso/acs}: the IdP's Response over HTTP-POST. On success the client gets its edge tokens:
 * a loopback {@code return_to} from the sign-in gets a 303 with {@code access_token}, {@code refresh_token},
 * {@code expires_at} and {@code user} in the URL fragment (never sent to a server); otherwise a page shows who
 * signed in and carries the tokens as JSON in {@code <script type="application/json" id="collabedge-tokens">}.
 * Both are {@code no-store}. A refused response gets a 403 page naming the reason.
 */
final class AssertionConsumerServlet extends HttpServlet {

    private final transient SsoService sso;

    AssertionConsumerServlet(SsoService sso) {
        this.sso = sso;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        SsoService.SignedIn in;
        try {
            in = sso.acceptResponse(req.getParameter("SAMLResponse"), req.getParameter("RelayState"),
                    req.getRemoteAddr());
        } catch (SsoRefused e) {
            SsoPages.failure(req, resp, HttpServletResponse.SC_FORBIDDEN, e.failure());
            return;
        } catch (IllegalStateException e) { // the assertion was good, but no token service could issue tokens
            SsoPages.noStore(resp);
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "No token service is running");
            return;
        }
        var t = in.tokens();
        if (in.returnTo() != null) {
            SsoPages.noStore(resp);
            resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
            resp.setHeader("Location", in.returnTo() + "#access_token=" + url(t.accessToken())
                    + "&refresh_token=" + url(t.refreshToken()) + "&expires_at=" + url(t.expiresAt().toString())
                    + "&user=" + url(in.user()));
            return;
        }
        Messages m = SsoPages.messages(req);
        String json = "{\"user\":" + SsoPages.json(in.user()) + ",\"access_token\":" + SsoPages.json(t.accessToken())
                + ",\"refresh_token\":" + SsoPages.json(t.refreshToken()) + ",\"expires_at\":"
                + SsoPages.json(t.expiresAt().toString()) + "}";
        SsoPages.page(resp, HttpServletResponse.SC_OK, m.get("sso.page.signed_in_title"),
                "<p>" + SsoPages.esc(m.get("sso.page.signed_in", in.user())) + "</p>", json);
    }

    private static String url(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
