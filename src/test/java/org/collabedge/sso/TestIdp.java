package org.collabedge.sso;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import net.shibboleth.utilities.java.support.xml.SerializeSupport;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.schema.XSString;
import org.opensaml.core.xml.util.XMLObjectSupport;
import org.opensaml.saml.common.SignableSAMLObject;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Attribute;
import org.opensaml.saml.saml2.core.AttributeStatement;
import org.opensaml.saml.saml2.core.AttributeValue;
import org.opensaml.saml.saml2.core.Audience;
import org.opensaml.saml.saml2.core.AudienceRestriction;
import org.opensaml.saml.saml2.core.Conditions;
import org.opensaml.saml.saml2.core.EncryptedAssertion;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.saml.saml2.core.Status;
import org.opensaml.saml.saml2.core.StatusCode;
import org.opensaml.saml.saml2.core.Subject;
import org.opensaml.saml.saml2.core.SubjectConfirmation;
import org.opensaml.saml.saml2.core.SubjectConfirmationData;
import org.opensaml.saml.saml2.encryption.Encrypter;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.encryption.support.DataEncryptionParameters;
import org.opensaml.xmlsec.encryption.support.EncryptionConstants;
import org.opensaml.xmlsec.encryption.support.KeyEncryptionParameters;
import org.opensaml.xmlsec.signature.Signature;
import org.opensaml.xmlsec.signature.support.SignatureConstants;
import org.opensaml.xmlsec.signature.support.Signer;

/**
 * A SAML identity provider built with OpenSAML for tests: its own key, its metadata, and responses whose every
 * field a test can bend (audience, recipient, times, signatures, encryption) to prove the edge refuses them.
 */
final class TestIdp {

    static final String ENTITY_ID = "https://idp.example.test/saml";
    static final String SSO_URL = "https://idp.example.test/sso/redirect";

    final SpCredentials keys;

    TestIdp() {
        OpenSaml.start();
        this.keys = SpCredentials.generate(Clock.systemUTC());
    }

    String metadata() {
        return metadata(ENTITY_ID, SSO_URL);
    }

    String metadata(String entityId, String ssoUrl) {
        String cert;
        try {
            cert = Base64.getEncoder().encodeToString(keys.certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\""
                + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"" + entityId + "\">"
                + "<md:IDPSSODescriptor WantAuthnRequestsSigned=\"true\""
                + " protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>" + cert
                + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\""
                + " Location=\"" + ssoUrl + "\"/>"
                + "</md:IDPSSODescriptor></md:EntityDescriptor>";
    }

    /** What a response says; every field defaults to what a correct IdP sends for the request. */
    static final class Spec {
        String issuer = ENTITY_ID;
        String destination;
        String recipient;
        String audience;
        String inResponseTo;
        String uid = "alice";
        String uidAttribute = "uid";
        String assertionId = AuthnRequestEncoder.newId();
        Instant now = Instant.now();
        Duration lifetime = Duration.ofMinutes(5);
        Instant notBefore;
        boolean signResponse = true;
        boolean signAssertion = true;
        SpCredentials encryptTo;
        SpCredentials signWith;

        Spec(String acsUrl, String audience, String inResponseTo) {
            this.destination = acsUrl;
            this.recipient = acsUrl;
            this.audience = audience;
            this.inResponseTo = inResponseTo;
        }
    }

    Response response(Spec s) throws Exception {
        Instant notBefore = s.notBefore != null ? s.notBefore : s.now.minusSeconds(5);
        Response r = build(Response.DEFAULT_ELEMENT_NAME);
        r.setID(AuthnRequestEncoder.newId());
        r.setVersion(SAMLVersion.VERSION_20);
        r.setIssueInstant(s.now);
        r.setDestination(s.destination);
        r.setInResponseTo(s.inResponseTo);
        r.setIssuer(issuer(s.issuer));
        Status status = build(Status.DEFAULT_ELEMENT_NAME);
        StatusCode code = build(StatusCode.DEFAULT_ELEMENT_NAME);
        code.setValue(StatusCode.SUCCESS);
        status.setStatusCode(code);
        r.setStatus(status);

        Assertion a = build(Assertion.DEFAULT_ELEMENT_NAME);
        a.setID(s.assertionId);
        a.setVersion(SAMLVersion.VERSION_20);
        a.setIssueInstant(s.now);
        a.setIssuer(issuer(s.issuer));
        Subject subject = build(Subject.DEFAULT_ELEMENT_NAME);
        NameID nameId = build(NameID.DEFAULT_ELEMENT_NAME);
        nameId.setValue(s.uid == null ? "nobody" : s.uid);
        subject.setNameID(nameId);
        SubjectConfirmation sc = build(SubjectConfirmation.DEFAULT_ELEMENT_NAME);
        sc.setMethod(SubjectConfirmation.METHOD_BEARER);
        SubjectConfirmationData scd = build(SubjectConfirmationData.DEFAULT_ELEMENT_NAME);
        scd.setRecipient(s.recipient);
        scd.setInResponseTo(s.inResponseTo);
        scd.setNotOnOrAfter(s.now.plus(s.lifetime));
        sc.setSubjectConfirmationData(scd);
        subject.getSubjectConfirmations().add(sc);
        a.setSubject(subject);
        Conditions c = build(Conditions.DEFAULT_ELEMENT_NAME);
        c.setNotBefore(notBefore);
        c.setNotOnOrAfter(s.now.plus(s.lifetime));
        AudienceRestriction ar = build(AudienceRestriction.DEFAULT_ELEMENT_NAME);
        Audience au = build(Audience.DEFAULT_ELEMENT_NAME);
        au.setURI(s.audience);
        ar.getAudiences().add(au);
        c.getAudienceRestrictions().add(ar);
        a.setConditions(c);
        if (s.uid != null) {
            AttributeStatement st = build(AttributeStatement.DEFAULT_ELEMENT_NAME);
            Attribute attr = build(Attribute.DEFAULT_ELEMENT_NAME);
            attr.setName(s.uidAttribute);
            XSString v = (XSString) XMLObjectSupport.getBuilder(XSString.TYPE_NAME)
                    .buildObject(AttributeValue.DEFAULT_ELEMENT_NAME, XSString.TYPE_NAME);
            v.setValue(s.uid);
            attr.getAttributeValues().add(v);
            st.getAttributes().add(attr);
            a.getAttributeStatements().add(st);
        }
        SpCredentials signer = s.signWith != null ? s.signWith : keys;
        if (s.signAssertion) {
            sign(a, signer);
        }
        if (s.encryptTo != null) {
            r.getEncryptedAssertions().add(encrypt(a, s.encryptTo));
        } else {
            r.getAssertions().add(a);
        }
        if (s.signResponse) {
            sign(r, signer);
        } else {
            XMLObjectSupport.marshall(r);
        }
        return r;
    }

    /** The response as the browser posts it: Base64 of the XML. */
    String encoded(Spec s) throws Exception {
        return base64(xml(s));
    }

    String xml(Spec s) throws Exception {
        return SerializeSupport.nodeToString(response(s).getDOM());
    }

    static String base64(String xml) {
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static void sign(SignableSAMLObject object, SpCredentials with) throws Exception {
        Signature sig = build(Signature.DEFAULT_ELEMENT_NAME);
        sig.setSigningCredential(new BasicX509Credential(with.certificate(), with.key()));
        sig.setSignatureAlgorithm(SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA256);
        sig.setCanonicalizationAlgorithm(SignatureConstants.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        object.setSignature(sig);
        XMLObjectSupport.marshall(object);
        Signer.signObject(sig);
    }

    private static EncryptedAssertion encrypt(Assertion a, SpCredentials to) throws Exception {
        if (a.getDOM() == null) {
            XMLObjectSupport.marshall(a);
        }
        DataEncryptionParameters data = new DataEncryptionParameters();
        data.setAlgorithm(EncryptionConstants.ALGO_ID_BLOCKCIPHER_AES256_GCM);
        KeyEncryptionParameters kek = new KeyEncryptionParameters();
        kek.setAlgorithm(EncryptionConstants.ALGO_ID_KEYTRANSPORT_RSAOAEP);
        kek.setEncryptionCredential(new BasicX509Credential(to.certificate()));
        Encrypter e = new Encrypter(data, kek);
        e.setKeyPlacement(Encrypter.KeyPlacement.INLINE);
        return e.encrypt(a);
    }

    private static Issuer issuer(String value) {
        Issuer i = build(Issuer.DEFAULT_ELEMENT_NAME);
        i.setValue(value);
        return i;
    }

    @SuppressWarnings("unchecked")
    private static <T extends XMLObject> T build(javax.xml.namespace.QName name) {
        return (T) XMLObjectSupport.buildXMLObject(name);
    }
}
