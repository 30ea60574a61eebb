package org.collabedge.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.collabedge.sip.auth.OneTimeReveal;
import org.collabedge.sip.auth.SipSecrets;

/**
 * Per-user SIP secrets: find a directory user, set a secret or have one generated, and see it once. The secret never
 * travels in a URL: the redirect carries a handle to a copy held in memory for this admin session, taken on the next
 * view.
 */
final class SipSecretsPage implements AdminPage {

    /** A user who has a secret, as listed (never the secret). */
    public record Holder(String user, String displayName) {
    }

    @Override
    public String name() {
        return "sip-secrets";
    }

    @Override
    public void get(PageContext page) {
        SipSecrets secrets = page.core().sipSecrets();
        var directory = page.core().host().users();
        page.put("holders", secrets.holders().stream().map(u -> new Holder(u,
                directory.lookup(u).map(d -> d.displayName()).orElse(null))).toList());
        String wanted = page.param("user");
        if (wanted != null) {
            String u = wanted.toLowerCase(Locale.ROOT);
            page.put("searched", u);
            directory.lookup(u).ifPresent(d -> {
                page.put("found", d);
                page.put("foundHasSecret", secrets.has(d.username()));
            });
        }
        secrets.reveals().take(page.sessionId(), page.param("reveal")).ifPresent(r -> {
            page.put("revealedUser", r.user());
            page.put("revealedSecret", new String(r.secret()));
            Arrays.fill(r.secret(), '\0');
        });
    }

    @Override
    public void post(PageContext page) {
        SipSecrets secrets = page.core().sipSecrets();
        String action = page.param("action");
        String user = page.param("user");
        OneTimeReveal reveals = secrets.reveals();
        switch (action == null ? "" : action) {
            case "set" -> {
                String secret = page.rawParam("secret");
                char[] chars = secret == null ? new char[0] : secret.toCharArray();
                try {
                    String stored = secrets.set(user, chars);
                    show(page, reveals.hold(page.sessionId(), stored, chars), "secret_set", stored);
                } finally {
                    Arrays.fill(chars, '\0');
                }
            }
            case "regenerate" -> {
                char[] secret = secrets.regenerate(user);
                try {
                    String stored = user.trim().toLowerCase(Locale.ROOT);
                    show(page, reveals.hold(page.sessionId(), stored, secret), "secret_regenerated", stored);
                } finally {
                    Arrays.fill(secret, '\0');
                }
            }
            case "delete" -> {
                secrets.delete(user);
                page.redirect("sip-secrets?done=secret_deleted");
            }
            default -> throw new org.collabedge.config.ValidationException(
                    List.of(new org.collabedge.config.FieldError("secret.user", "error.choice", action)));
        }
    }

    private static void show(PageContext page, String handle, String done, String user) {
        page.redirect("sip-secrets?done=" + done + "&user=" + java.net.URLEncoder.encode(user,
                java.nio.charset.StandardCharsets.UTF_8) + "&reveal=" + handle);
    }
}
