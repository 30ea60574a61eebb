package org.collabedge.sso;

import static org.collabedge.sso.ValidatorFixture.SAML;
import static org.collabedge.sso.ValidatorFixture.SAMLP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.io.StringWriter;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * XML signature wrapping: the attacker holds a genuine response for mallory and wants to be alice. Every way of
 * wrapping the genuine signed part beside or inside a forged one is refused.
 */
class SignatureWrappingTest {

    private final ValidatorFixture saml = new ValidatorFixture();

    private Document genuine(boolean signResponse, boolean signAssertion) throws Exception {
        TestIdp.Spec s = saml.request();
        s.uid = "mallory";
        s.signResponse = signResponse;
        s.signAssertion = signAssertion;
        return parse(saml.idp.xml(s));
    }

    @Test
    void wrappingASignedResponseInAForgedOneIsRefused() throws Exception {
        Document doc = genuine(true, false);
        Element original = doc.getDocumentElement();
        Element forged = (Element) original.cloneNode(true);
        forged.setAttribute("ID", "_forged");
        forged.removeChild(child(forged, "http://www.w3.org/2000/09/xmldsig#", "Signature"));
        child(forged, SAML, "Assertion").setAttribute("ID", "_forged-assertion"); // no duplicate IDs at all
        setUid(forged, "alice");
        Element extensions = doc.createElementNS(SAMLP, "saml2p:Extensions");
        forged.insertBefore(extensions, child(forged, SAMLP, "Status"));
        doc.replaceChild(forged, original);
        extensions.appendChild(original);
        assertEquals(SsoFailure.UNSIGNED, saml.refused(TestIdp.base64(serialize(doc))));
    }

    @Test
    void aForgedResponseReusingTheSignedIdIsRefused() throws Exception {
        Document doc = genuine(true, false);
        Element original = doc.getDocumentElement();
        Element forged = (Element) original.cloneNode(true); // keeps ID and the genuine Signature
        setUid(forged, "alice");
        Element extensions = doc.createElementNS(SAMLP, "saml2p:Extensions");
        forged.insertBefore(extensions, child(forged, SAMLP, "Status"));
        doc.replaceChild(forged, original);
        extensions.appendChild(original);
        assertEquals(SsoFailure.MALFORMED, saml.refused(TestIdp.base64(serialize(doc))));
    }

    @Test
    void aForgedAssertionBesideTheSignedOneIsRefused() throws Exception {
        Document doc = genuine(false, true);
        Element signed = child(doc.getDocumentElement(), SAML, "Assertion");
        Element forged = (Element) signed.cloneNode(true);
        forged.setAttribute("ID", "_forged");
        forged.removeChild(child(forged, "http://www.w3.org/2000/09/xmldsig#", "Signature"));
        setUid(forged, "alice");
        doc.getDocumentElement().insertBefore(forged, signed);
        assertEquals(SsoFailure.MALFORMED, saml.refused(TestIdp.base64(serialize(doc))));
    }

    @Test
    void aForgedAssertionCarryingTheGenuineSignatureIsRefused() throws Exception {
        Document doc = genuine(false, true);
        Element root = doc.getDocumentElement();
        Element signed = child(root, SAML, "Assertion");
        Element forged = (Element) signed.cloneNode(true); // signature still references the genuine ID
        forged.setAttribute("ID", "_forged");
        setUid(forged, "alice");
        Element extensions = doc.createElementNS(SAMLP, "saml2p:Extensions");
        root.insertBefore(extensions, child(root, SAMLP, "Status"));
        root.replaceChild(forged, signed);
        extensions.appendChild(signed);
        assertEquals(SsoFailure.BAD_SIGNATURE, saml.refused(TestIdp.base64(serialize(doc))));
    }

    @Test
    void aForgedAssertionWithTheGenuineIdIsRefused() throws Exception {
        Document doc = genuine(false, true);
        Element root = doc.getDocumentElement();
        Element signed = child(root, SAML, "Assertion");
        Element forged = (Element) signed.cloneNode(true);
        setUid(forged, "alice");
        Element extensions = doc.createElementNS(SAMLP, "saml2p:Extensions");
        root.insertBefore(extensions, child(root, SAMLP, "Status"));
        root.replaceChild(forged, signed);
        extensions.appendChild(signed);
        assertEquals(SsoFailure.MALFORMED, saml.refused(TestIdp.base64(serialize(doc))));
        root.removeChild(extensions); // and without the genuine copy, the digest no longer matches
        assertEquals(SsoFailure.BAD_SIGNATURE, saml.refused(TestIdp.base64(serialize(doc))));
    }


    private static void setUid(Element scope, String uid) {
        var values = scope.getElementsByTagNameNS(SAML, "AttributeValue");
        for (int i = 0; i < values.getLength(); i++) {
            values.item(i).setTextContent(uid);
        }
    }

    private static Element child(Element parent, String ns, String local) {
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                return e;
            }
        }
        throw new AssertionError("no " + local + " in " + parent.getLocalName());
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static String serialize(Document doc) throws Exception {
        StringWriter out = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
        return out.toString();
    }
}
