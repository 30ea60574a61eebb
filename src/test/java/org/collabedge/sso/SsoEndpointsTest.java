package org.collabedge.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.collabedge.auth.SsoMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensaml.core.xml.util.XMLObjectSupport;
import org.opensaml.saml.saml2.core.AuthnRequest;

/** The SSO servlets over real HTTP: sign-in redirect, the ACS, metadata, and /get_edge_sso. */
class SsoEndpointsTest {

    static TestIdp idp;

    @TempDir
    Path dir;

    private SsoHarness edge;
    private String base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void idp() {
        idp = new TestIdp();
    }

    @BeforeEach
    void setUp() throws Exception {
        edge = new SsoHarness(dir);
        edge.sso.editor().importMetadata(idp.metadata(), "SHA256", null);
        edge.sso.editor().associateDomains(TestIdp.ENTITY_ID, List.of("example.test"));
        base = edge.serve();
    }

    @AfterEach
    void tearDown() throws Exception {
        edge.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Starts a sign-in; returns the redirect's query parameters (raw values, decoded). */
    private Map<String, String> login(String query) throws Exception {
        HttpResponse<String> r = get("/edge/sso/login?" + query);
        assertEquals(302, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(TestIdp.SSO_URL + "?"), location);
        Map<String, String> params = new LinkedHashMap<>();
        String raw = location.substring(location.indexOf('?') + 1);
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        params.put("_signed", raw.substring(0, raw.indexOf("&Signature=")));
        return params;
    }

    private static AuthnRequest inflate(String samlRequest) throws Exception {
        InflaterInputStream in = new InflaterInputStream(
                new ByteArrayInputStream(Base64.getDecoder().decode(samlRequest)), new Inflater(true));
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        in.transferTo(xml);
        return (AuthnRequest) XMLObjectSupport.unmarshallFromInputStream(OpenSaml.start(),
                new ByteArrayInputStream(xml.toByteArray()));
    }

    @Test
    void aUserSignsInAtTheIdpAndReceivesTokens() throws Exception {
        Map<String, String> q = login("identity=alice@example.test");
        AuthnRequest request = inflate(q.get("SAMLRequest"));
        assertEquals(edge.acsUrl(), request.getAssertionConsumerServiceURL());
        assertEquals(edge.entityId(), request.getIssuer().getValue());
        assertEquals(TestIdp.SSO_URL, request.getDestination());
        assertEquals(SignatureDigest.SHA256.uri(), q.get("SigAlg"));
        java.security.Signature verify = java.security.Signature.getInstance("SHA256withRSA");
        verify.initVerify(edge.sso.spCredentials().certificate());
        verify.update(q.get("_signed").getBytes(StandardCharsets.UTF_8));
        assertTrue(verify.verify(Base64.getDecoder().decode(q.get("Signature"))), "the redirect is signed");

        TestIdp.Spec s = new TestIdp.Spec(edge.acsUrl(), edge.entityId(), request.getID());
        HttpResponse<String> r = post("/edge/sso/acs",
                Map.of("SAMLResponse", idp.encoded(s), "RelayState", q.get("RelayState")));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("Signed in as alice"), r.body());
        assertTrue(r.body().contains("\"access_token\":\"access-alice\""), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(1, edge.sso.statistics().requests());
        assertEquals(1, edge.sso.statistics().successes());
        assertTrue(edge.metrics.scrape().contains("collabedge_sso_events_total{event=\"success\""));

        HttpResponse<String> again = post("/edge/sso/acs", Map.of("SAMLResponse", idp.encoded(s)));
        assertEquals(403, again.statusCode(), "a response is good for one sign-in only");
    }

    @Test
    void aNativeClientGetsTheTokensOnItsLoopbackAddress() throws Exception {
        Map<String, String> q = login("identity=alice@example.test&return_to="
                + URLEncoder.encode("http://127.0.0.1:53682/done", StandardCharsets.UTF_8));
        String id = inflate(q.get("SAMLRequest")).getID();
        HttpResponse<String> r = post("/edge/sso/acs",
                Map.of("SAMLResponse", idp.encoded(new TestIdp.Spec(edge.acsUrl(), edge.entityId(), id))));
        assertEquals(303, r.statusCode());
        assertEquals("http://127.0.0.1:53682/done#access_token=access-alice&refresh_token=refresh-alice"
                + "&expires_at=2030-01-01T00%3A00%3A00Z&user=alice", r.headers().firstValue("Location").orElseThrow());
        assertEquals(400, get("/edge/sso/login?identity=alice@example.test&return_to="
                + URLEncoder.encode("https://evil.example/steal", StandardCharsets.UTF_8)).statusCode());
    }

    @Test
    void aRefusedResponseShowsTheReasonAndIsCounted() throws Exception {
        String id = inflate(login("identity=alice@example.test").get("SAMLRequest")).getID();
        TestIdp.Spec s = new TestIdp.Spec(edge.acsUrl(), edge.entityId(), id);
        s.uid = null;
        HttpResponse<String> r = post("/edge/sso/acs", Map.of("SAMLResponse", idp.encoded(s)));
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("No uid Attribute in Assertion from IdP"), r.body());
        assertEquals(1, edge.sso.statistics().failures(SsoFailure.NO_UID));
        assertEquals(403, post("/edge/sso/acs", Map.of("SAMLResponse", "<x>")).statusCode());
        assertEquals(1, edge.sso.statistics().failures(SsoFailure.MALFORMED));
    }

    @Test
    void signInNeedsSsoOnAndADomainWithAnIdp() throws Exception {
        assertEquals(400, get("/edge/sso/login?identity=alice@other.test").statusCode());
        assertEquals(400, get("/edge/sso/login?identity=nonsense").statusCode());
        edge.mode = SsoMode.OFF;
        HttpResponse<String> off = get("/edge/sso/login?identity=alice@example.test");
        assertEquals(400, off.statusCode());
        assertTrue(off.body().contains("Single sign-on is not available"), off.body());
    }

    @Test
    void getEdgeSsoFollowsTheModeAndTheInternalCheck() throws Exception {
        assertEquals("true", get("/get_edge_sso?identity=alice@example.test").body());
        assertEquals("false", get("/get_edge_sso?identity=bob@example.test").body(), "unknown user");
        assertEquals("false", get("/get_edge_sso?identity=alice@other.test").body(), "domain without IdP");
        edge.checkInternal = false; // the seed: then the edge always answers true
        assertEquals("true", get("/get_edge_sso?identity=bob@other.test").body());
        edge.mode = SsoMode.EXCLUSIVE;
        assertEquals("true", get("/get_edge_sso?identity=alice@example.test").body());
        edge.mode = SsoMode.OFF;
        assertEquals("false", get("/get_edge_sso?identity=alice@example.test").body());
        assertEquals(6, edge.sso.statistics().edgeSsoQueries());
    }

    @Test
    void aDomainOnInternalCallControlIsAnsweredByItAndNoAnswerMeansFalse() throws Exception {
        // example.test moves to internal call control; its only call-control server cannot be asked (this harness
        // has no TLS), so the edge answers false and the client signs in with its credentials instead.
        edge.config.saveDomain("example.test", new org.collabedge.config.Domain("example.test", false, true, false,
                false, "default"));
        edge.config.saveServer(new org.collabedge.config.InternalServer(null,
                org.collabedge.config.ServerType.CALL_CONTROL, "cucm.example.test", 5061,
                org.collabedge.config.Transport.TLS, true, null, "default"), null);
        assertEquals("false", get("/get_edge_sso?identity=alice@example.test").body());
        assertEquals(1, edge.sso.statistics().internalChecks(InternalSsoCheck.Outcome.UNREACHABLE));
        edge.checkInternal = false;
        assertEquals("true", get("/get_edge_sso?identity=alice@example.test").body());
    }

    @Test
    void ourMetadataNamesTheAcsAndCertificate() throws Exception {
        HttpResponse<String> r = get("/edge/sso/metadata");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("entityID=\"https://edge.example.test:8443/edge/sso/metadata\""), r.body());
        assertTrue(r.body().contains("Location=\"https://edge.example.test:8443/edge/sso/acs\""), r.body());
        assertTrue(r.body().contains(Base64.getEncoder().encodeToString(
                edge.sso.spCredentials().certificate().getEncoded())));
        assertEquals(404, get("/edge/sso/metadata/no-such-deployment").statusCode());
    }
}
