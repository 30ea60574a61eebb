package org.collabedge.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

/**
 * A plain HTTP client playing the browser in SP-initiated SAML sign-in at the edge against Keycloak: it follows
 * redirects by hand, keeps Keycloak's Secure cookies on plain http, fills in Keycloak's login form as alice and
 * carries the auto-POST form back to the edge's ACS.
 */
final class SamlBrowser {

    /** What Keycloak's auto-POST page carries back to the ACS. */
    record SamlPost(String samlResponse, String relayState) {
    }

    private final HttpClient client;

    /** @param tls what to trust of the edge's HTTPS listener; null for an edge on plain http */
    SamlBrowser(SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().cookieHandler(new LenientCookies())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
    }

    /** The client, with this browser's cookies, for requests after sign-in. */
    HttpClient client() {
        return client;
    }

    /** Starts sign-in at the edge for alice@example.test and signs in at Keycloak; returns what goes to the ACS. */
    SamlPost signInAtKeycloak(String edgeBase) throws Exception {
        HttpResponse<String> r = follow(client.send(HttpRequest.newBuilder(URI.create(edgeBase
                + "/edge/sso/login?identity=alice@example.test")).build(), HttpResponse.BodyHandlers.ofString()));
        assertEquals(200, r.statusCode(), r.body());
        String action = html(find(r.body(), "<form id=\"kc-form-login\"[^>]*action=\"([^\"]+)\""));
        r = follow(client.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", "alice",
                        "password", "alice-pw", "credentialId", "")))).build(),
                HttpResponse.BodyHandlers.ofString()));
        return new SamlPost(html(find(r.body(), "name=\"SAMLResponse\" value=\"([^\"]+)\"")),
                html(find(r.body(), "name=\"RelayState\" value=\"([^\"]*)\"")));
    }

    /** The auto-POST to the edge's ACS; returns its answer (the token page). */
    HttpResponse<String> postToAcs(String edgeBase, SamlPost post) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(edgeBase + "/edge/sso/acs"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("SAMLResponse", post.samlResponse(),
                        "RelayState", post.relayState())))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Both steps, checking the ACS accepted the response; returns the token page. */
    HttpResponse<String> signIn(String edgeBase) throws Exception {
        HttpResponse<String> acs = postToAcs(edgeBase, signInAtKeycloak(edgeBase));
        assertEquals(200, acs.statusCode(), acs.body());
        return acs;
    }

    private HttpResponse<String> follow(HttpResponse<String> r) throws Exception {
        for (int i = 0; i < 10 && r.statusCode() / 100 == 3; i++) {
            URI next = r.uri().resolve(r.headers().firstValue("Location").orElseThrow());
            r = client.send(HttpRequest.newBuilder(next).build(), HttpResponse.BodyHandlers.ofString());
        }
        return r;
    }

    /** The first group of {@code regex} in {@code body}; fails the test when it does not match. */
    static String find(String body, String regex) {
        Matcher m = Pattern.compile(regex).matcher(body);
        assertTrue(m.find(), "no match for " + regex + " in " + body);
        return m.group(1);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String html(String s) {
        return s.replace("&amp;", "&").replace("&#x3d;", "=").replace("&#61;", "=").replace("&quot;", "\"");
    }
}
