package org.collabedge.sso;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Fetches IdP metadata from an https URL: certificate and host name verified against the edge's trusted CAs,
 * bounded in time ({@link #TIMEOUT}) and size ({@link IdpMetadataParser#MAX_BYTES}). Failures carry an i18n key.
 */
public final class MetadataFetcher {

    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Supplier<SSLContext> tls;

    public MetadataFetcher(Supplier<SSLContext> tls) {
        this.tls = tls;
    }

    public String fetch(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new MetadataProblem("sso.error.url_invalid");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new MetadataProblem("sso.error.url_not_https");
        }
        if (uri.getRawUserInfo() != null) {
            // A password in the URL would be stored as the IdP's source and shown on pages and in errors.
            throw new MetadataProblem("sso.error.url_credentials");
        }
        SSLParameters params = new SSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        HttpClient client = HttpClient.newBuilder().sslContext(tls.get()).sslParameters(params)
                .connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", "application/samlmetadata+xml, application/xml, text/xml").GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new MetadataProblem("sso.error.url_status");
                }
                return IdpMetadataParser.readLimited(body);
            }
        } catch (javax.net.ssl.SSLException e) {
            throw new MetadataProblem("sso.error.url_tls");
        } catch (IOException e) {
            throw new MetadataProblem("sso.error.url_unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetadataProblem("sso.error.url_unreachable");
        }
    }
}
