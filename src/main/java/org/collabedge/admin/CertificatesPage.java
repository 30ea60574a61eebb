package org.collabedge.admin;

import org.collabedge.cert.CertificateService;
import org.collabedge.config.FieldError;
import org.collabedge.config.ValidationException;

/**
 * The edge's TLS identity (self-signed until the admin installs one) and the CAs trusted for outbound TLS.
 * PEM is pasted (or read into the text box from a file by the page's script), so no multipart handling is needed in
 * either host.
 */
final class CertificatesPage implements AdminPage {

    @Override
    public String name() {
        return "certificates";
    }

    @Override
    public void get(PageContext page) {
        CertificateService certificates = page.core().certificates();
        var identity = certificates.identity();
        page.put("identity", identity);
        // Plain strings: templates must not reach into the JDK's certificate implementation classes.
        page.put("issuer", identity.certificate().getIssuerX500Principal().getName());
        page.put("notBefore", identity.certificate().getNotBefore().toInstant());
        page.put("trusted", certificates.trustedCas());
        page.put("publicHostName", page.core().config().current().settings().publicHostName());
    }

    @Override
    public void post(PageContext page) {
        CertificateService certificates = page.core().certificates();
        String action = page.param("action");
        switch (action == null ? "" : action) {
            case "install" -> {
                String certificate = page.rawParam("certificate");
                String key = page.rawParam("key");
                if (certificate == null || certificate.isBlank() || key == null || key.isBlank()) {
                    throw new ValidationException(new FieldError(certificate == null || certificate.isBlank()
                            ? "cert.certificate" : "cert.key", "error.required"));
                }
                String password = page.rawParam("keyPassword");
                certificates.installPem(certificate, page.rawParam("chain"), key,
                        password == null || password.isEmpty() ? null : password.toCharArray());
                page.redirect("certificates?done=cert_installed");
            }
            case "regenerate" -> {
                certificates.regenerateSelfSigned(page.core().config().current().settings().publicHostName());
                page.redirect("certificates?done=cert_regenerated");
            }
            case "trust" -> {
                String pem = page.rawParam("caPem");
                if (pem == null || pem.isBlank()) {
                    throw new ValidationException(new FieldError("cert.ca", "error.required"));
                }
                certificates.addTrustedPem(pem);
                page.redirect("certificates?done=ca_added");
            }
            case "untrust" -> {
                certificates.removeTrusted(page.param("fingerprint"));
                page.redirect("certificates?done=ca_removed");
            }
            default -> throw new ValidationException(new FieldError("cert.certificate", "error.choice",
                    String.valueOf(action)));
        }
    }
}
