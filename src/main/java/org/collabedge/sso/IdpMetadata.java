package org.collabedge.sso;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What the edge uses of an IdP's metadata: its entity ID, where to send users (HTTP-Redirect SingleSignOnService),
 * and the certificates whose keys may sign its responses. Only these keys are ever trusted for its signatures.
 */
public record IdpMetadata(String entityId, String redirectSsoUrl, List<X509Certificate> signingCertificates,
                          boolean wantsSignedRequests) {

    public IdpMetadata {
        signingCertificates = List.copyOf(signingCertificates);
    }
}
