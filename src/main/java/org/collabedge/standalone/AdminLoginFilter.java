package org.collabedge.standalone;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

import org.collabedge.admin.CsrfGuard;
import org.collabedge.admin.MetricsExposition;
import org.collabedge.admin.PageRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone admin login: every page needs a logged-in session, except {@code /metrics} for scrapers (it holds no
 * secrets and the admin port is on loopback by default). Repeated wrong passwords from one address lock it out for a
 * while, so the login cannot be brute-forced at line speed.
 */
final class AdminLoginFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(AdminLoginFilter.class);
    static final String SESSION_FLAG = "collabedge.admin";
    private static final int MAX_FAILURES = 10;
    private static final long LOCKOUT_MILLIS = 5 * 60_000;

    private final AdminCredentials credentials;
    private final PageRenderer renderer = new PageRenderer();
    private final Map<String, long[]> failures = new ConcurrentHashMap<>(); // address -> {count, lastFailureAt}

    AdminLoginFilter(AdminCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String path = req.getRequestURI().substring(req.getContextPath().length());
        switch (path) {
            case "/login" -> login(req, resp);
            case "/logout" -> logout(req, resp);
            default -> {
                if (isLoggedIn(req) || ("/metrics".equals(path) && MetricsExposition.wantsText(req))) {
                    chain.doFilter(request, response);
                } else if ("GET".equals(req.getMethod())) {
                    resp.sendRedirect(req.getContextPath() + "/login");
                } else {
                    resp.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Log in first");
                }
            }
        }
    }

    private void login(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"POST".equals(req.getMethod())) {
            drawLogin(resp, null, HttpServletResponse.SC_OK);
            return;
        }
        String address = req.getRemoteAddr();
        if (lockedOut(address)) {
            LOG.warn("Admin login from {} refused: too many failures", address);
            drawLogin(resp, "login.locked", 429);
            return;
        }
        String username = req.getParameter("username");
        String password = req.getParameter("password");
        if (username != null && password != null && credentials.check(username, password.toCharArray())) {
            failures.remove(address);
            HttpSession old = req.getSession(false);
            if (old != null) {
                old.invalidate(); // a fresh session id after login: no session fixation
            }
            req.getSession(true).setAttribute(SESSION_FLAG, Boolean.TRUE);
            LOG.info("Admin logged in from {}", address);
            resp.sendRedirect(req.getContextPath() + "/status");
            return;
        }
        failures.merge(address, new long[] {1, System.currentTimeMillis()},
                (a, b) -> new long[] {a[0] + 1, b[1]});
        LOG.warn("Admin login failed from {}", address);
        drawLogin(resp, "login.failed", HttpServletResponse.SC_UNAUTHORIZED);
    }

    private void logout(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"POST".equals(req.getMethod()) || !CsrfGuard.accepts(req)) {
            resp.sendError(HttpServletResponse.SC_FORBIDDEN, "Log out with the button");
            return;
        }
        HttpSession session = req.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        resp.sendRedirect(req.getContextPath() + "/login");
    }

    private boolean lockedOut(String address) {
        long[] f = failures.get(address);
        if (f == null) {
            return false;
        }
        if (System.currentTimeMillis() - f[1] > LOCKOUT_MILLIS) {
            failures.remove(address);
            return false;
        }
        return f[0] >= MAX_FAILURES;
    }

    private void drawLogin(HttpServletResponse resp, String error, int status) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/html; charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Frame-Options", "DENY");
        java.util.HashMap<String, Object> model = new java.util.HashMap<>();
        model.put("lang", "en");
        if (error != null) {
            model.put("error", error);
        }
        renderer.render("login", model, Locale.ENGLISH, resp.getWriter());
    }

    static boolean isLoggedIn(HttpServletRequest req) {
        HttpSession s = req.getSession(false);
        return s != null && Boolean.TRUE.equals(s.getAttribute(SESSION_FLAG));
    }
}
