package org.collabedge.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SAML service provider against a real IdP: Keycloak with a realm made from our SP metadata (requests signed
 * by us, responses and assertions signed, assertions encrypted to us). A plain HTTP client plays the browser:
 * sign-in at the edge, Keycloak's login form, the auto-POST back to the ACS. The whole edge with Keycloak:
 * {@link SsoKeycloakProxyIT}.
 */
@ExtendWith(KeycloakExtension.class)
class SsoKeycloakIT {

    @TempDir
    Path dir;

    @Test
    void aUserSignsInAtKeycloakAndTheEdgeIssuesTokens(KeycloakServer keycloak) throws Exception {
        try (SsoHarness edge = new SsoHarness(dir)) {
            String edgeBase = edge.serve();
            String realm = keycloak.importRealm(edge.entityId(), edge.acsUrl(),
                    edge.sso.spCredentials().certificate().getEncoded());
            IdentityProvider idp = edge.sso.editor().importMetadata(keycloak.descriptor(realm), "SHA256",
                    keycloak.descriptorUrl(realm));
            assertEquals(keycloak.base() + "/realms/" + realm, idp.entityId());
            edge.sso.editor().associateDomains(idp.entityId(), List.of("example.test"));

            SamlBrowser browser = new SamlBrowser(null);
            SamlBrowser.SamlPost post = browser.signInAtKeycloak(edgeBase);
            assertTrue(new String(Base64.getMimeDecoder().decode(post.samlResponse()), StandardCharsets.UTF_8)
                    .contains("EncryptedAssertion"), "Keycloak encrypted the assertion to our key");

            HttpResponse<String> acs = browser.postToAcs(edgeBase, post);
            assertEquals(200, acs.statusCode(), acs.body());
            assertTrue(acs.body().contains("\"access_token\":\"access-alice\""), acs.body());
            assertEquals(1, edge.sso.statistics().successes());
        }
    }
}
