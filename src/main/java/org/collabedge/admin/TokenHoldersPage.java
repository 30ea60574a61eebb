package org.collabedge.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.collabedge.auth.IdentityService;
import org.collabedge.config.FieldError;
import org.collabedge.config.ValidationException;

/**
 * The seed's "SSO token holders": who holds edge tokens, since when, until when, and how they signed in; an admin
 * revokes one sign-in or all of a user's (which also forgets the user's cached password check).
 */
final class TokenHoldersPage implements AdminPage {

    @Override
    public String name() {
        return "token-holders";
    }

    @Override
    public void get(PageContext page) {
        IdentityService identity = page.core().identity();
        String filter = page.param("user");
        page.put("filter", filter);
        page.put("holders", identity.tokens().holders(filter));
        page.put("cachedChecks", identity.passwordCheck().size());
        page.put("cacheHits", identity.passwordCheck().hits());
        page.put("cacheMisses", identity.passwordCheck().misses());
    }

    @Override
    public void post(PageContext page) {
        IdentityService identity = page.core().identity();
        String filter = page.param("user_filter");
        String back = filter == null ? "" : "&user=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
        if ("revoke".equals(page.param("action"))) {
            String id = page.param("id");
            if (id == null || !identity.tokens().revokeSignIn(id)) {
                throw new ValidationException(new FieldError("token.signIn", "error.sign_in_gone"));
            }
            page.redirect("token-holders?done=sign_in_revoked" + back);
        } else if ("revoke_user".equals(page.param("action"))) {
            String user = page.param("user");
            if (user == null) {
                throw new ValidationException(new FieldError("token.user", "error.required"));
            }
            identity.revokeUser(user);
            page.redirect("token-holders?done=user_revoked" + back);
        } else {
            throw new ValidationException(new FieldError("token.action", "error.choice", page.param("action")));
        }
    }
}
