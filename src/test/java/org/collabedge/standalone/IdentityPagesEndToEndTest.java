package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.collabedge.auth.IssuedTokens;
import org.collabedge.auth.SsoMode;
import org.collabedge.auth.TokenFamily;
import org.collabedge.auth.TokenSource;
import org.collabedge.auth.TokenUse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity pages through the standalone host: token holders with revocation, identity settings. */
class IdentityPagesEndToEndTest {

    @TempDir
    Path data;

    private static Map<String, String> settings(String mode, String refresh, String cleanup, String sipExtra) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ssoMode", mode);
        form.put("credentialsRefreshMinutes", refresh);
        form.put("credentialsCleanupMinutes", cleanup);
        form.put("sipTokenExtraTtlSeconds", sipExtra);
        form.put("checkInternalSsoAvailability", "off");
        form.put("credentialCaching", "on");
        return form;
    }

    @Test
    void bothPagesNeedTheLoginAndRenderInTheirFrame() throws Exception {
        try (RunningEdge edge = new RunningEdge(data)) {
            assertEquals(302, edge.get("token-holders").statusCode());
            assertEquals(302, edge.get("identity-settings").statusCode());
            edge.login();
            for (String page : new String[] {"token-holders", "identity-settings"}) {
                HttpResponse<String> r = edge.get(page);
                assertEquals(200, r.statusCode(), page);
                assertTrue(r.body().contains("<meta name=\"pageID\" content=\"collabedge-" + page + "\"/>"), page);
                assertFalse(r.body().contains("collabedge.page."), page + " shows a raw i18n key");
            }
            assertTrue(edge.get("token-holders").body().contains("Nobody holds an edge token."));
        }
    }

    @Test
    void holdersAreListedFilteredAndRevoked() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            var tokens = edge.host.core().identity().tokens();
            IssuedTokens alice = tokens.issue("alice", TokenSource.PASSWORD);
            IssuedTokens alice2 = tokens.issue("alice", TokenSource.IDP);
            IssuedTokens bob = tokens.issue("bob", TokenSource.IDP);

            String all = edge.get("token-holders").body();
            assertTrue(all.contains("<td>alice</td>") && all.contains("<td>bob</td>"));
            assertTrue(all.contains("Identity provider") && all.contains("Password"));
            assertFalse(all.contains(alice.accessToken()) || all.contains(alice.refreshToken()), "never a token");
            assertFalse(edge.get("token-holders?user=bo").body().contains("<td>alice</td>"), "filtered by user");

            TokenFamily bobs = tokens.holders("bob").get(0);
            HttpResponse<String> revoked = edge.submit("token-holders", Map.of("action", "revoke", "id", bobs.id(),
                    "user_filter", "bo"));
            assertEquals(302, revoked.statusCode());
            assertTrue(revoked.headers().firstValue("Location").orElseThrow().endsWith(
                    "token-holders?done=sign_in_revoked&user=bo"));
            assertTrue(tokens.verify(bob.accessToken(), TokenUse.HTTP).isEmpty());
            assertTrue(edge.get("token-holders?done=sign_in_revoked").body().contains("Sign-in revoked"));

            HttpResponse<String> gone = edge.submit("token-holders", Map.of("action", "revoke", "id", bobs.id()));
            assertEquals(400, gone.statusCode());
            assertTrue(gone.body().contains("Sign-in: this sign-in no longer exists"), gone.body());

            assertEquals(302, edge.submit("token-holders", Map.of("action", "revoke_user", "user", "alice"))
                    .statusCode());
            assertTrue(tokens.verify(alice.accessToken(), TokenUse.SIP).isEmpty());
            assertTrue(tokens.verify(alice2.accessToken(), TokenUse.SIP).isEmpty());
            assertTrue(edge.get("token-holders").body().contains("Nobody holds an edge token."));
        }
    }

    @Test
    void settingsAreValidatedSavedAndKeptAcrossRestart() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            HttpResponse<String> bad = edge.submit("identity-settings", settings("ON", "0", "12x", "90000"));
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("Credentials refresh interval (minutes): 0 is outside the allowed range"
                    + " 1 to 10080"), bad.body());
            assertTrue(bad.body().contains("Credentials cleanup interval (minutes): &#39;12x&#39; is not a whole"));
            HttpResponse<String> badMode = edge.submit("identity-settings", settings("SOMETIMES", "480", "720", "0"));
            assertEquals(400, badMode.statusCode());
            assertTrue(badMode.body().contains("Single sign-on support: &#39;SOMETIMES&#39; is not one of"));
            assertEquals(SsoMode.OFF, edge.host.core().identity().settings().ssoMode(), "nothing saved");

            HttpResponse<String> ok = edge.submit("identity-settings", settings("EXCLUSIVE", "60", "30", "120"));
            assertEquals(302, ok.statusCode());
            assertTrue(edge.get("identity-settings?done=identity_saved").body().contains("Identity settings saved."));
        }
        try (RunningEdge again = new RunningEdge(data).login()) {
            var s = again.host.core().identity().settings().current();
            assertEquals(SsoMode.EXCLUSIVE, s.ssoMode());
            assertEquals(60, s.credentialsRefreshMinutes());
            assertEquals(120, s.sipTokenExtraTtlSeconds());
            assertFalse(s.checkInternalSsoAvailability());
            String page = again.get("identity-settings").body();
            assertTrue(page.contains("<option value=\"EXCLUSIVE\" selected>"), page);
            assertTrue(page.contains("value=\"60\""));
        }
    }

    @Test
    void theIdentityPagesSpeakGerman() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            var r = edge.http.send(java.net.http.HttpRequest.newBuilder(edge.uri("identity-settings"))
                    .header("Accept-Language", "de").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(r.body().contains("Erneuerungsintervall der Anmeldedaten (Minuten)"), r.body());
            assertTrue(r.body().contains("Ausschlie&szlig;lich") || r.body().contains("Ausschließlich"));
        }
    }
}
