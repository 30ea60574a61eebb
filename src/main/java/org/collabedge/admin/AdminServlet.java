package org.collabedge.admin;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.collabedge.cert.CertificateProblem;
import org.collabedge.config.FieldError;
import org.collabedge.config.ValidationException;
import org.collabedge.core.EdgeCore;
import org.collabedge.i18n.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every admin page for both hosts. The page is the last segment of the request path
 * ({@code /plugins/collabedge/domains} in Openfire, {@code /domains} standalone). GET draws the page; POST checks
 * the CSRF token, carries out the form and redirects, or redraws the form with each refused field named.
 */
public class AdminServlet extends HttpServlet {

    /** Which frame the pages are drawn in: Openfire's console decorates them; the standalone host draws its own. */
    public enum Frame { OPENFIRE, STANDALONE }

    private static final Logger LOG = LoggerFactory.getLogger(AdminServlet.class);
    private static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.GERMAN);

    private final transient Supplier<EdgeCore> core;
    private final Frame frame;
    private final transient PageRenderer renderer = new PageRenderer();
    private final transient Map<String, AdminPage> pages = new LinkedHashMap<>();

    public AdminServlet(Supplier<EdgeCore> core, Frame frame) {
        this.core = core;
        this.frame = frame;
        for (AdminPage p : List.of(new StatusPage(), new DomainsPage(), new DeploymentsPage(),
                new InternalServersPage(), new EdgeSettingsPage(), new CertificatesPage(), new MetricsPage(),
                new TokenHoldersPage(), new IdentitySettingsPage(),
                new SipSettingsPage(), new SipRoutesPage(), new SipSecretsPage(), new SipRegistrationsPage(),
                new SipCallsPage(), new SipCallHistoryPage(),
                new ProtectionSettingsPage(), new BansPage(), new ExemptionsPage(),
                new SsoIdentityProvidersPage(), new ClusterNodesPage(), new SsoExportPage(), new SsoStatisticsPage(),
                new HttpAllowListPage(), new HttpRulePage(), new HttpUploadRulesPage(), new HttpExportRulesPage(),
                new HttpAutomaticRulesPage(), new HttpAllowListTestsPage(), new HttpBlockedPage(),
                new HttpProxySettingsPage())) {
            pages.put(p.name(), p);
        }
    }

    /** Page names in sidebar order; the same list plugin.xml's sidebar holds. */
    public List<String> pageNames() {
        return List.copyOf(pages.keySet());
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = pageName(req);
        AdminPage page = pages.get(name.isEmpty() ? "status" : name);
        if (page == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        EdgeCore edge = core.get();
        if (edge == null || !edge.isRunning()) {
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Collaboration Edge is not running");
            return;
        }
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("X-Frame-Options", "SAMEORIGIN");
        if (page instanceof MetricsPage && MetricsExposition.wantsText(req)) {
            MetricsExposition.write(edge, resp);
            return;
        }
        if (page instanceof SsoExportPage && SsoExportPage.download(edge, req, resp)) {
            return;
        }
        if (page instanceof DownloadPage d && d.wantsDownload(req)) {
            d.download(edge, resp);
            return;
        }
        Messages messages = Messages.forLocale(locale(req));
        PageContext ctx = new PageContext(req, edge, messages);
        String method = req.getMethod();
        if ("POST".equals(method)) {
            post(page, ctx, req, resp);
        } else if ("GET".equals(method) || "HEAD".equals(method)) {
            page.get(ctx);
            draw(page, ctx, req, resp, HttpServletResponse.SC_OK);
            edge.coreMetrics().adminRequest(page.name(), "shown");
        } else {
            resp.setHeader("Allow", "GET, HEAD, POST");
            resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
    }

    private void post(AdminPage page, PageContext ctx, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        // Openfire checks its own token before we run and hands it over as an attribute; otherwise we check.
        if (req.getAttribute(CsrfGuard.PARAMETER) == null && !CsrfGuard.accepts(req)) {
            ctx.core().coreMetrics().adminRequest(page.name(), "csrf_refused");
            LOG.warn("Refused a {} form without a valid CSRF token from {}", page.name(), req.getRemoteAddr());
            resp.sendError(HttpServletResponse.SC_FORBIDDEN, "Missing or wrong CSRF token: reload the page");
            return;
        }
        try {
            page.post(ctx);
            ctx.core().coreMetrics().adminRequest(page.name(), "changed");
            resp.sendRedirect(ctx.redirectTarget() == null ? page.name() : ctx.redirectTarget());
        } catch (ValidationException e) {
            ctx.core().coreMetrics().adminRequest(page.name(), "refused");
            showErrors(page, ctx, req, resp, e.errors());
        } catch (CertificateProblem e) {
            ctx.core().coreMetrics().adminRequest(page.name(), "refused");
            showErrors(page, ctx, req, resp, List.of(new FieldError("certificate", e.key(), e.getMessage())));
        }
    }

    private void showErrors(AdminPage page, PageContext ctx, HttpServletRequest req, HttpServletResponse resp,
                            List<FieldError> errors) throws IOException {
        Messages m = ctx.messages();
        ctx.put("errors", errors.stream().map(e -> e.describe(m)).toList());
        Map<String, String> byField = new LinkedHashMap<>();
        errors.forEach(e -> byField.merge(e.field(), e.problem(m), (a, b) -> a + "; " + b));
        ctx.put("fieldErrors", byField);
        ctx.put("form", req.getParameterMap());
        page.get(ctx);
        draw(page, ctx, req, resp, HttpServletResponse.SC_BAD_REQUEST);
    }

    private void draw(AdminPage page, PageContext ctx, HttpServletRequest req, HttpServletResponse resp, int status)
            throws IOException {
        Object hostToken = req.getAttribute(CsrfGuard.PARAMETER);
        ctx.put("csrf", hostToken != null ? hostToken.toString() : CsrfGuard.token(req));
        ctx.put("page", page.name());
        ctx.put("pages", pageNames());
        ctx.put("standalone", frame == Frame.STANDALONE);
        ctx.put("lang", ctx.messages().locale().getLanguage());
        ctx.put("node", ctx.core().host().nodeId());
        ctx.put("restartPending", ctx.core().config().pendingRestart());
        String done = req.getParameter("done");
        if (done != null && ctx.messages().has("flash." + done)) {
            ctx.put("flash", "flash." + done);
        }
        resp.setStatus(status);
        resp.setContentType("text/html; charset=UTF-8");
        renderer.render(page.name(), ctx.model(), ctx.messages().locale(), resp.getWriter());
    }

    private static String pageName(HttpServletRequest req) {
        String uri = req.getRequestURI();
        int q = uri.indexOf('?');
        if (q >= 0) {
            uri = uri.substring(0, q);
        }
        if (uri.endsWith("/")) {
            uri = uri.substring(0, uri.length() - 1);
        }
        String last = uri.substring(uri.lastIndexOf('/') + 1);
        // The plugin's own root (/plugins/collabedge) and the standalone root both mean the status page.
        return "collabedge".equals(last) ? "" : last;
    }

    private static Locale locale(HttpServletRequest req) {
        for (var e = req.getLocales(); e.hasMoreElements(); ) {
            Locale l = e.nextElement();
            for (Locale supported : LOCALES) {
                if (supported.getLanguage().equals(l.getLanguage())) {
                    return supported;
                }
            }
        }
        return Locale.ENGLISH;
    }
}
