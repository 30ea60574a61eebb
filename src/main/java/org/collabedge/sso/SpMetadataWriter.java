package org.collabedge.sso;

import java.security.cert.CertificateEncodingException;
import java.util.Base64;

/**
 * Our service provider metadata, for import at the IdP: entity ID, the HTTP-POST assertion consumer service on the
 * edge's public address, and our certificate for signing (requests) and encryption (assertions to us).
 */
public final class SpMetadataWriter {

    private SpMetadataWriter() {
    }

    public static String write(String entityId, String acsUrl, SpCredentials sp) {
        String cert;
        try {
            cert = Base64.getEncoder().encodeToString(sp.certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        String keyInfo = "<ds:KeyInfo><ds:X509Data><ds:X509Certificate>" + cert
                + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo>";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\""
                + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"" + xml(entityId) + "\">\n"
                + "  <md:SPSSODescriptor AuthnRequestsSigned=\"true\" WantAssertionsSigned=\"true\""
                + " protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">\n"
                + "    <md:KeyDescriptor use=\"signing\">" + keyInfo + "</md:KeyDescriptor>\n"
                + "    <md:KeyDescriptor use=\"encryption\">" + keyInfo + "</md:KeyDescriptor>\n"
                + "    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>\n"
                + "    <md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\""
                + " Location=\"" + xml(acsUrl) + "\" index=\"0\" isDefault=\"true\"/>\n"
                + "  </md:SPSSODescriptor>\n"
                + "</md:EntityDescriptor>\n";
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;").replace(">", "&gt;");
    }
}
