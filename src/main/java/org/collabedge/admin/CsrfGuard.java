package org.collabedge.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;

/**
 * Synchroniser-token CSRF protection for hosts that do not provide their own (Openfire 5 does, for plugins that set
 * csrfProtectionEnabled, and hands the token in the {@code csrf} request attribute). One token per admin session;
 * every state-changing request must echo it in the {@code csrf} parameter.
 */
public final class CsrfGuard {

    public static final String PARAMETER = "csrf";
    private static final String SESSION_KEY = "collabedge.csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfGuard() {
    }

    public static String token(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        synchronized (session) {
            String token = (String) session.getAttribute(SESSION_KEY);
            if (token == null) {
                byte[] b = new byte[24];
                RANDOM.nextBytes(b);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
                session.setAttribute(SESSION_KEY, token);
            }
            return token;
        }
    }

    public static boolean accepts(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String expected = session == null ? null : (String) session.getAttribute(SESSION_KEY);
        String given = request.getParameter(PARAMETER);
        return expected != null && given != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
