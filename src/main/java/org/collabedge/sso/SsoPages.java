package org.collabedge.sso;

import java.io.IOException;
import java.util.Locale;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.collabedge.i18n.Messages;

/** The few small pages a signing-in user's browser sees, in English or German, every value escaped. */
final class SsoPages {

    private SsoPages() {
    }

    static Messages messages(HttpServletRequest req) {
        Locale l = req.getLocale();
        return Messages.forLocale(l != null && "de".equals(l.getLanguage()) ? Locale.GERMAN : Locale.ENGLISH);
    }

    static void noStore(HttpServletResponse resp) {
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Pragma", "no-cache");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Referrer-Policy", "no-referrer");
    }

    /** A refusal the user can read: what failed and what to do. */
    static void failure(HttpServletRequest req, HttpServletResponse resp, int status, SsoFailure reason)
            throws IOException {
        Messages m = messages(req);
        page(resp, status, m.get("sso.page.failed_title"),
                "<p>" + esc(m.get("sso.reason." + reason.label())) + "</p><p>" + esc(m.get("sso.page.failed_hint"))
                        + "</p>", null);
    }

    static void page(HttpServletResponse resp, int status, String title, String bodyHtml, String json)
            throws IOException {
        noStore(resp);
        resp.setStatus(status);
        resp.setContentType("text/html; charset=UTF-8");
        resp.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title></head><body><h1>").append(esc(title)).append("</h1>")
                .append(bodyHtml);
        if (json != null) {
            // Not executed (CSP forbids scripts); a client reads it from the page. "<" escaped so it cannot close.
            html.append("<script type=\"application/json\" id=\"collabedge-tokens\">")
                    .append(json.replace("<", "\\u003c")).append("</script>");
        }
        resp.getWriter().write(html.append("</body></html>").toString());
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
