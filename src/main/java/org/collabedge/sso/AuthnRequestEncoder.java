package org.collabedge.sso;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import net.shibboleth.utilities.java.support.xml.SerializeSupport;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.util.XMLObjectSupport;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.core.AuthnRequest;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.NameIDPolicy;

/**
 * Builds a signed SAML AuthnRequest for the HTTP-Redirect binding (SAML bindings 3.4.4.1): the request is
 * DEFLATE-compressed and Base64-encoded, and the query string {@code SAMLRequest=..&RelayState=..&SigAlg=..} is
 * signed with our key using the IdP's configured digest.
 */
public final class AuthnRequestEncoder {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The redirect to send the browser to, and the request ID to remember. */
    public record Redirect(String location, String requestId) {
    }

    private AuthnRequestEncoder() {
    }

    public static String newId() {
        byte[] b = new byte[20];
        RANDOM.nextBytes(b);
        return "_" + HexFormat.of().formatHex(b); // an NCName: must not start with a digit
    }

    public static Redirect encode(IdpMetadata idp, SignatureDigest digest, String spEntityId, String acsUrl,
                                  String relayState, SpCredentials sp, Instant now) {
        String id = newId();
        AuthnRequest request = (AuthnRequest) XMLObjectSupport.buildXMLObject(AuthnRequest.DEFAULT_ELEMENT_NAME);
        request.setID(id);
        request.setVersion(SAMLVersion.VERSION_20);
        request.setIssueInstant(now);
        request.setDestination(idp.redirectSsoUrl());
        request.setAssertionConsumerServiceURL(acsUrl);
        request.setProtocolBinding(SAMLConstants.SAML2_POST_BINDING_URI);
        Issuer issuer = (Issuer) XMLObjectSupport.buildXMLObject(Issuer.DEFAULT_ELEMENT_NAME);
        issuer.setValue(spEntityId);
        request.setIssuer(issuer);
        NameIDPolicy policy = (NameIDPolicy) XMLObjectSupport.buildXMLObject(NameIDPolicy.DEFAULT_ELEMENT_NAME);
        policy.setAllowCreate(true);
        request.setNameIDPolicy(policy);
        try {
            String xml = SerializeSupport.nodeToString(XMLObjectProviderRegistrySupport.getMarshallerFactory()
                    .getMarshaller(request).marshall(request));
            StringBuilder query = new StringBuilder("SAMLRequest=").append(url(deflate(xml)));
            if (relayState != null) {
                query.append("&RelayState=").append(url(relayState));
            }
            query.append("&SigAlg=").append(url(digest.uri()));
            java.security.Signature signer = java.security.Signature.getInstance(digest.jcaName());
            signer.initSign(sp.key());
            signer.update(query.toString().getBytes(StandardCharsets.UTF_8));
            query.append("&Signature=").append(url(Base64.getEncoder().encodeToString(signer.sign())));
            String base = idp.redirectSsoUrl();
            return new Redirect(base + (base.contains("?") ? "&" : "?") + query, id);
        } catch (GeneralSecurityException | org.opensaml.core.xml.io.MarshallingException e) {
            throw new IllegalStateException("Cannot build the SAML request", e);
        }
    }

    private static String deflate(String xml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.DEFLATED, true))) {
            d.write(xml.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
