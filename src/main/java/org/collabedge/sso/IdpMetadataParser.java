package org.collabedge.sso;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import net.shibboleth.utilities.java.support.xml.ParserPool;
import net.shibboleth.utilities.java.support.xml.XMLParserException;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.util.XMLObjectSupport;
import org.opensaml.core.xml.io.UnmarshallingException;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.metadata.EntitiesDescriptor;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.IDPSSODescriptor;
import org.opensaml.saml.saml2.metadata.KeyDescriptor;
import org.opensaml.saml.saml2.metadata.SingleSignOnService;
import org.opensaml.security.credential.UsageType;
import org.opensaml.xmlsec.signature.X509Data;

/**
 * Reads an IdP's SAML 2.0 metadata (an EntityDescriptor, or an EntitiesDescriptor holding exactly one IdP).
 * DOCTYPEs are refused by the parser. Throws {@link MetadataProblem} with an i18n key naming what is wrong.
 */
public final class IdpMetadataParser {

    /** Metadata larger than this is refused, uploaded or fetched. */
    public static final int MAX_BYTES = 1024 * 1024;

    private final ParserPool parser;

    public IdpMetadataParser(ParserPool parser) {
        this.parser = parser;
    }

    public IdpMetadata parse(String xml) {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            throw new MetadataProblem("sso.error.metadata_too_large");
        }
        XMLObject root;
        try {
            root = XMLObjectSupport.unmarshallFromInputStream(parser, new ByteArrayInputStream(bytes));
        } catch (XMLParserException | UnmarshallingException | RuntimeException e) {
            throw new MetadataProblem("sso.error.metadata_unreadable");
        }
        EntityDescriptor entity = single(root);
        IDPSSODescriptor idp = entity.getIDPSSODescriptor(SAMLConstants.SAML20P_NS);
        if (idp == null) {
            throw new MetadataProblem("sso.error.metadata_no_idp");
        }
        String redirect = idp.getSingleSignOnServices().stream()
                .filter(s -> SAMLConstants.SAML2_REDIRECT_BINDING_URI.equals(s.getBinding()))
                .map(SingleSignOnService::getLocation).findFirst()
                .orElseThrow(() -> new MetadataProblem("sso.error.metadata_no_redirect"));
        if (!redirect.startsWith("https://") && !redirect.startsWith("http://")) {
            throw new MetadataProblem("sso.error.metadata_no_redirect");
        }
        List<X509Certificate> signing = new ArrayList<>();
        for (KeyDescriptor kd : idp.getKeyDescriptors()) {
            if (kd.getUse() == null || kd.getUse() == UsageType.SIGNING || kd.getUse() == UsageType.UNSPECIFIED) {
                signing.addAll(certificates(kd));
            }
        }
        if (signing.isEmpty()) {
            throw new MetadataProblem("sso.error.metadata_no_signing_key");
        }
        return new IdpMetadata(entity.getEntityID(), redirect, signing,
                Boolean.TRUE.equals(idp.getWantAuthnRequestsSigned()));
    }

    private static EntityDescriptor single(XMLObject root) {
        if (root instanceof EntityDescriptor e && e.getEntityID() != null && !e.getEntityID().isBlank()) {
            return e;
        }
        if (root instanceof EntitiesDescriptor all) {
            List<EntityDescriptor> idps = all.getEntityDescriptors().stream()
                    .filter(e -> e.getIDPSSODescriptor(SAMLConstants.SAML20P_NS) != null).toList();
            if (idps.size() == 1) {
                return idps.get(0);
            }
        }
        throw new MetadataProblem("sso.error.metadata_no_idp");
    }

    private static List<X509Certificate> certificates(KeyDescriptor kd) {
        List<X509Certificate> out = new ArrayList<>();
        if (kd.getKeyInfo() == null) {
            return out;
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (X509Data data : kd.getKeyInfo().getX509Datas()) {
                for (var c : data.getX509Certificates()) {
                    String b64 = c.getValue() == null ? "" : c.getValue().replaceAll("\\s", "");
                    out.add((X509Certificate) cf.generateCertificate(
                            new ByteArrayInputStream(Base64.getDecoder().decode(b64))));
                }
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new MetadataProblem("sso.error.metadata_bad_certificate");
        }
        return out;
    }

    /** Reads at most {@link #MAX_BYTES} bytes as UTF-8 metadata text. */
    public static String readLimited(java.io.InputStream in) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
            if (out.size() + n > MAX_BYTES) {
                throw new MetadataProblem("sso.error.metadata_too_large");
            }
            out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
