package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single sign-on pages driven over HTTP against a running standalone host. */
class SsoPagesEndToEndTest {

    @TempDir
    Path data;

    /** Minimal IdP metadata with a throw-away signing certificate (any valid X.509 will do for import). */
    private static String metadata(RunningEdge edge, String entityId) {
        String cert = Base64.getEncoder().encodeToString(uncheckedEncoded(edge));
        return "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\""
                + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"" + entityId + "\">"
                + "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>" + cert
                + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\""
                + " Location=\"https://idp.example.test/sso\"/></md:IDPSSODescriptor></md:EntityDescriptor>";
    }

    private static byte[] uncheckedEncoded(RunningEdge edge) {
        try {
            return edge.host.core().certificates().identity().certificate().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anIdpIsImportedGivenDomainsAndDeleted() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            edge.submit("domains", Map.of("action", "save", "name", "example.test", "sipOnEdge", "on",
                    "sipOnInternal", "off", "imAndPresence", "off", "xmppFederation", "off"));
            String page = edge.get("sso-idps").body();
            assertTrue(page.contains("No identity provider has been imported yet."), page);
            assertTrue(page.contains("Single sign-on support: Off"), "the identity settings decide the mode; Off by default");

            HttpResponse<String> bad = edge.submit("sso-idps", Map.of("action", "import", "metadata",
                    "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", "digest", "SHA256"));
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("IdP metadata file: this is not readable SAML 2.0 metadata"), bad.body());

            HttpResponse<String> ok = edge.submit("sso-idps", Map.of("action", "import",
                    "metadata", metadata(edge, "https://idp.example.test/saml"), "digest", "SHA512"));
            assertEquals(302, ok.statusCode());
            page = edge.get("sso-idps?done=sso_idp_imported").body();
            assertTrue(page.contains("Identity provider imported."));
            assertTrue(page.contains("<td>https://idp.example.test/saml</td>"), page);
            assertTrue(page.contains("<option value=\"SHA512\" selected>"), page);

            String form = edge.get("sso-idps?associate=https%3A%2F%2Fidp.example.test%2Fsaml").body();
            assertTrue(form.contains("name=\"domain:example.test\""), form);
            assertEquals(302, edge.submit("sso-idps", Map.of("action", "associate",
                    "entityId", "https://idp.example.test/saml", "domain:example.test", "on")).statusCode());
            assertTrue(edge.get("sso-idps").body().contains("<td>example.test</td>"));

            // A second IdP takes the domain over: the form offers it as a transfer.
            edge.submit("sso-idps", Map.of("action", "import",
                    "metadata", metadata(edge, "https://idp2.example.test/saml"), "digest", "SHA256"));
            String transfer = edge.get("sso-idps?associate=https%3A%2F%2Fidp2.example.test%2Fsaml").body();
            assertTrue(transfer.contains("(Transfer from https://idp.example.test/saml)"), transfer);

            assertEquals(302, edge.submit("sso-idps", Map.of("action", "delete",
                    "entityId", "https://idp.example.test/saml")).statusCode());
            assertFalse(edge.get("sso-idps").body().contains("<td>https://idp.example.test/saml</td>"));

            HttpResponse<String> options = edge.submit("sso-idps", Map.of("action", "options",
                    "uidAttribute", "bad name", "clockSkew", "9999"));
            assertEquals(400, options.statusCode());
            assertTrue(options.body().contains("9999 is not between 0 and 600 seconds"), options.body());
        }
    }

    @Test
    void spMetadataIsDownloadedPerNodeAndDeploymentAndAllAsAZip() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            String page = edge.get("sso-export").body();
            assertTrue(page.contains("/edge/sso/acs"), page);
            HttpResponse<String> one = edge.get("sso-export?download=file&node=test-node&deployment=default");
            assertEquals(200, one.statusCode());
            assertTrue(one.headers().firstValue("Content-Disposition").orElse("")
                    .contains("collabedge-sp-test-node-default.xml"));
            assertTrue(one.body().contains("<md:AssertionConsumerService"), one.body());
            HttpResponse<byte[]> zip = edge.http.send(HttpRequest.newBuilder(edge.uri("sso-export?download=zip&deployment=default"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
                assertEquals("collabedge-sp-test-node-default.xml", in.getNextEntry().getName());
            }
            assertEquals(404, edge.get("sso-export?download=file&node=no-such-node&deployment=default").statusCode());

            assertTrue(page.contains("<option value=\"rsa-3072\" selected>"), page);
            assertEquals(400, edge.submit("sso-export", Map.of("action", "new-key", "keyType", "ec-p256"))
                    .statusCode());
            assertEquals(302, edge.submit("sso-export", Map.of("action", "new-key", "keyType", "rsa-2048"))
                    .statusCode());
            assertTrue(edge.get("sso-export?done=sso_key_replaced").body()
                    .contains("<option value=\"rsa-2048\" selected>"));

            // A second deployment: the page asks for one first, then lists the chosen deployment's files.
            edge.submit("deployments", Map.of("action", "add", "name", "Branch"));
            assertTrue(edge.get("sso-export").body().contains("choose one to export its metadata"));
        }
    }

    @Test
    void aNodeGetsItsOwnPublicNameOnTheClusterNodesPageAndTheExportFollows() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            String page = edge.get("cluster-nodes").body();
            assertTrue(page.contains("data-node=\"test-node\""), page);
            // The HTTPS edge advertises its port once bound (8443 here, which another process may hold).
            edge.host.core().nodes().self().endpoint("https.port")
                    .ifPresent(port -> assertTrue(page.contains("https.port = " + port), page));

            HttpResponse<String> bad = edge.submit("cluster-nodes", Map.of("node", "test-node",
                    "publicHostName", "not a name"));
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("&#39;not a name&#39; is neither a host name nor an IP address")
                    || bad.body().contains("'not a name' is neither a host name nor an IP address"), bad.body());
            assertEquals(400, edge.submit("cluster-nodes", Map.of("node", "ghost",
                    "publicHostName", "edge9.example.test")).statusCode());

            assertEquals(302, edge.submit("cluster-nodes", Map.of("node", "test-node",
                    "publicHostName", "Edge2.Example.Test")).statusCode());
            assertTrue(edge.get("cluster-nodes").body().contains("in use: edge2.example.test"));
            String xml = edge.get("sso-export?download=file&node=test-node&deployment=default").body();
            assertTrue(xml.contains("entityID=\"https://edge2.example.test:"), xml);
            assertTrue(xml.contains("Location=\"https://edge2.example.test:"), xml);

            edge.submit("cluster-nodes", Map.of("node", "test-node", "publicHostName", ""));
            assertFalse(edge.get("sso-export").body().contains("edge2.example.test"));
        }
    }

    @Test
    void statisticsShowEveryReasonAndCanBeReset() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            edge.host.core().sso().statistics().failure(org.collabedge.sso.SsoFailure.NO_UID);
            String page = edge.get("sso-statistics").body();
            assertTrue(page.contains("No uid Attribute in Assertion from IdP"), page);
            assertTrue(page.contains("data-reason=\"no_uid\">1<"), page);
            assertEquals(302, edge.submit("sso-statistics", Map.of("action", "reset")).statusCode());
            assertTrue(edge.get("sso-statistics").body().contains("data-reason=\"no_uid\">0<"));
            String de = edge.http.send(HttpRequest.newBuilder(edge.uri("sso-statistics"))
                    .header("Accept-Language", "de").build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(de.contains("SSO-Statistik"), de);
        }
    }
}
