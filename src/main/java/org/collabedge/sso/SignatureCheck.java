package org.collabedge.sso;

import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.Set;

import org.opensaml.saml.common.SignableSAMLObject;
import org.opensaml.saml.security.impl.SAMLSignatureProfileValidator;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.signature.Signature;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.SignatureValidator;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Verifies a SAML object's enveloped signature with keys from the IdP's metadata only (a key carried in the message
 * is never used), and proves the signature covers this very element: the SAML signature profile (one reference,
 * to this element's ID, enveloped + exclusive c14n transforms only), an ID that occurs once in the whole document,
 * and the document's element for that ID being this object's own DOM (XML signature wrapping defence).
 */
final class SignatureCheck {

    private static final SAMLSignatureProfileValidator PROFILE = new SAMLSignatureProfileValidator();

    private SignatureCheck() {
    }

    /** True when {@code object} is signed and its signature verifies with one of {@code keys}. */
    static boolean verified(SignableSAMLObject object, Iterable<X509Certificate> keys) {
        Signature signature = object.getSignature();
        if (signature == null || object.getSignatureReferenceID() == null || object.getDOM() == null) {
            return false;
        }
        Element own = object.getDOM();
        Element byId = own.getOwnerDocument().getElementById(object.getSignatureReferenceID());
        if (byId != own) {
            return false;
        }
        try {
            PROFILE.validate(signature);
        } catch (SignatureException e) {
            return false;
        }
        for (X509Certificate key : keys) {
            try {
                SignatureValidator.validate(signature, new BasicX509Credential(key));
                return true;
            } catch (SignatureException e) {
                // try the IdP's next signing key (metadata may list a rollover key)
            }
        }
        return false;
    }

    /** False when any ID/AssertionID/ResponseID attribute value occurs twice in the document. */
    static boolean idsUnique(Document document) {
        Set<String> seen = new HashSet<>();
        return idsUnique(document.getDocumentElement(), seen);
    }

    private static boolean idsUnique(Element element, Set<String> seen) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            String local = a.getLocalName() == null ? a.getName() : a.getLocalName();
            if (("ID".equals(local) || "AssertionID".equals(local) || "ResponseID".equals(local) || "Id".equals(local))
                    && !seen.add(a.getValue())) {
                return false;
            }
        }
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child && !idsUnique(child, seen)) {
                return false;
            }
        }
        return true;
    }
}
