package org.collabedge.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.collabedge.host.UserDirectory;
import org.collabedge.standalone.LocalSharedState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** Every way a SAML response can be wrong is refused with its reason; correct ones name the user. */
class ResponseValidatorTest {

    static final String ACS = "https://edge.example.test:8443/edge/sso/acs";
    static final String SP = "https://edge.example.test:8443/edge/sso/metadata";
    static final String SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";

    static TestIdp idp;
    static SpCredentials sp;
    static SpCredentials stranger;

    private OutstandingRequests outstanding;
    private ResponseValidator validator;
    private ResponseValidator.Expectations expect;

    @BeforeAll
    static void keys() {
        idp = new TestIdp();
        sp = SpCredentials.generate(Clock.systemUTC());
        stranger = SpCredentials.generate(Clock.systemUTC());
    }

    @BeforeEach
    void setUp() {
        LocalSharedState shared = new LocalSharedState(Clock.systemUTC());
        outstanding = new OutstandingRequests(shared);
        UserDirectory users = new UserDirectory() {
            @Override
            public boolean authenticate(String username, char[] password) {
                return false;
            }

            @Override
            public Optional<DirectoryUser> lookup(String username) {
                return Set.of("alice", "mallory", "alice.evil").contains(username)
                        ? Optional.of(new DirectoryUser(username, username, null)) : Optional.empty();
            }
        };
        validator = new ResponseValidator(OpenSaml.start(), outstanding, new ReplayCache(shared), users,
                Clock.systemUTC());
        IdpMetadata meta = new IdpMetadataParser(OpenSaml.start()).parse(idp.metadata());
        SsoSettings settings = SsoSettings.defaults()
                .withIdentityProvider(new IdentityProvider(TestIdp.ENTITY_ID, idp.metadata(), null, null))
                .withDomains(TestIdp.ENTITY_ID, List.of("example.test"));
        expect = new ResponseValidator.Expectations(ACS, settings,
                id -> id.equals(meta.entityId()) ? Optional.of(meta) : Optional.empty(), sp);
    }

    private TestIdp.Spec request(String id) {
        outstanding.remember(id, new OutstandingRequests.Pending(TestIdp.ENTITY_ID, SP, "relay", null));
        return new TestIdp.Spec(ACS, SP, id);
    }

    private TestIdp.Spec request() {
        return request(AuthnRequestEncoder.newId());
    }

    private SsoFailure refused(String encoded) {
        return assertThrows(SsoRefused.class, () -> validator.validate(encoded, expect)).failure();
    }

    private SsoFailure refused(TestIdp.Spec s) throws Exception {
        return refused(idp.encoded(s));
    }

    @Test
    void aSignedResponseWithSignedAssertionNamesTheUser() throws Exception {
        ResponseValidator.Accepted ok = validator.validate(idp.encoded(request()), expect);
        assertEquals("alice", ok.user());
        assertEquals(TestIdp.ENTITY_ID, ok.idpEntityId());
        assertEquals("relay", ok.request().relayState());
    }

    @Test
    void aSignatureOnEitherTheResponseOrTheAssertionSuffices() throws Exception {
        TestIdp.Spec onlyResponse = request();
        onlyResponse.signAssertion = false;
        assertEquals("alice", validator.validate(idp.encoded(onlyResponse), expect).user());
        TestIdp.Spec onlyAssertion = request();
        onlyAssertion.signResponse = false;
        assertEquals("alice", validator.validate(idp.encoded(onlyAssertion), expect).user());
    }

    @Test
    void anAssertionEncryptedToOurKeyIsDecrypted() throws Exception {
        TestIdp.Spec s = request();
        s.encryptTo = sp;
        s.signResponse = false;
        assertEquals("alice", validator.validate(idp.encoded(s), expect).user());
    }

    @Test
    void anAssertionEncryptedToAnotherKeyIsRefused() throws Exception {
        TestIdp.Spec s = request();
        s.encryptTo = stranger;
        assertEquals(SsoFailure.DECRYPTION_FAILED, refused(s));
    }

    @Test
    void anEmailUidOfAnAssociatedDomainMapsToTheLocalUser() throws Exception {
        TestIdp.Spec s = request();
        s.uid = "mallory@example.test";
        assertEquals("mallory", validator.validate(idp.encoded(s), expect).user());
        TestIdp.Spec other = request();
        other.uid = "mallory@elsewhere.test";
        assertEquals(SsoFailure.UNKNOWN_USER, refused(other));
    }

    @Test
    void unsignedIsRefused() throws Exception {
        TestIdp.Spec s = request();
        s.signResponse = false;
        s.signAssertion = false;
        assertEquals(SsoFailure.UNSIGNED, refused(s));
    }

    @Test
    void signedByAnotherKeyIsRefused() throws Exception {
        TestIdp.Spec s = request();
        s.signWith = stranger; // the message may carry the stranger's certificate: it is never trusted
        assertEquals(SsoFailure.BAD_SIGNATURE, refused(s));
    }

    @Test
    void contentChangedAfterSigningIsRefused() throws Exception {
        TestIdp.Spec s = request();
        s.uid = "mallory";
        String xml = idp.xml(s).replace(">mallory<", ">alice<");
        assertEquals(SsoFailure.BAD_SIGNATURE, refused(TestIdp.base64(xml)));
    }

    @Test
    void wrongAudienceRecipientDestinationAndIssuerAreRefused() throws Exception {
        TestIdp.Spec audience = request();
        audience.audience = "https://other-sp.example.test";
        assertEquals(SsoFailure.WRONG_AUDIENCE, refused(audience));
        TestIdp.Spec recipient = request();
        recipient.recipient = "https://evil.example.test/acs";
        assertEquals(SsoFailure.WRONG_RECIPIENT, refused(recipient));
        TestIdp.Spec destination = request();
        destination.destination = "https://evil.example.test/acs";
        assertEquals(SsoFailure.WRONG_DESTINATION, refused(destination));
        TestIdp.Spec issuer = request();
        issuer.issuer = "https://unknown-idp.example.test";
        assertEquals(SsoFailure.UNKNOWN_ISSUER, refused(issuer));
    }

    @Test
    void expiredAndNotYetValidAreRefused() throws Exception {
        TestIdp.Spec expired = request();
        expired.now = expired.now.minus(Duration.ofMinutes(7));
        assertEquals(SsoFailure.EXPIRED, refused(expired));
        TestIdp.Spec future = request();
        future.notBefore = future.now.plus(Duration.ofMinutes(5));
        assertEquals(SsoFailure.NOT_YET_VALID, refused(future));
        TestIdp.Spec issuedLater = request();
        issuedLater.now = issuedLater.now.plus(Duration.ofMinutes(5));
        assertEquals(SsoFailure.NOT_YET_VALID, refused(issuedLater));
    }

    @Test
    void withinTheClockSkewIsAccepted() throws Exception {
        TestIdp.Spec s = request();
        s.notBefore = s.now.plusSeconds(30); // the IdP's clock runs 30 s ahead of ours
        assertEquals("alice", validator.validate(idp.encoded(s), expect).user());
    }

    @Test
    void unknownOrReusedInResponseToIsRefused() throws Exception {
        assertEquals(SsoFailure.UNKNOWN_REQUEST, refused(new TestIdp.Spec(ACS, SP, "_never-sent")));
        assertEquals(SsoFailure.UNKNOWN_REQUEST, refused(new TestIdp.Spec(ACS, SP, null)));
        TestIdp.Spec first = request("_once");
        validator.validate(idp.encoded(first), expect);
        TestIdp.Spec again = new TestIdp.Spec(ACS, SP, "_once"); // a fresh assertion for a used request
        assertEquals(SsoFailure.UNKNOWN_REQUEST, refused(again));
    }

    @Test
    void anUnsignedResponseCannotRedirectASignedAssertionToAnotherRequest() throws Exception {
        TestIdp.Spec s = request("_theirs");
        s.signResponse = false; // only the assertion is signed, and it answers _theirs
        request("_victims");
        String xml = idp.xml(s).replaceFirst("InResponseTo=\"_theirs\"", "InResponseTo=\"_victims\"");
        validator.validate(TestIdp.base64(xml), expect); // counts for the signed _theirs, not the unsigned claim
        assertTrue(outstanding.consume("_victims").isPresent(), "the victim's request is untouched");
        assertTrue(outstanding.consume("_theirs").isEmpty());
    }

    @Test
    void aReplayedAssertionIsRefused() throws Exception {
        TestIdp.Spec first = request();
        validator.validate(idp.encoded(first), expect);
        TestIdp.Spec replay = request();
        replay.assertionId = first.assertionId;
        assertEquals(SsoFailure.REPLAYED, refused(replay));
    }

    @Test
    void aMissingUidIsRefusedAsTheSeedSays() throws Exception {
        TestIdp.Spec s = request();
        s.uid = null;
        assertEquals(SsoFailure.NO_UID, refused(s));
        assertEquals("No uid Attribute in Assertion from IdP", SsoFailure.NO_UID.logText());
        TestIdp.Spec wrongName = request();
        wrongName.uidAttribute = "mail";
        assertEquals(SsoFailure.NO_UID, refused(wrongName));
    }

    @Test
    void anUnknownUserIsRefused() throws Exception {
        TestIdp.Spec s = request();
        s.uid = "eve";
        assertEquals(SsoFailure.UNKNOWN_USER, refused(s));
    }

    @Test
    void aCommentInsideTheUidDoesNotTruncateIt() throws Exception {
        TestIdp.Spec s = request();
        s.uid = "alice.evil"; // signed for alice.evil; c14n ignores comments, so the signature still holds
        String xml = idp.xml(s).replace(">alice.evil</saml2:AttributeValue>",
                ">alice<!---->.evil</saml2:AttributeValue>");
        assertEquals("alice.evil", validator.validate(TestIdp.base64(xml), expect).user());
    }

    @Test
    void aCommentInsideTheNameIdChangesNothing() throws Exception {
        TestIdp.Spec s = request();
        s.uid = "alice.evil";
        String xml = idp.xml(s).replace(">alice.evil</saml2:NameID>", ">alice<!---->.evil</saml2:NameID>");
        assertEquals("alice.evil", validator.validate(TestIdp.base64(xml), expect).user());
    }

    @Test
    void dtdsAndExternalEntitiesAreRefused() throws Exception {
        String xml = idp.xml(request());
        String body = xml.substring(xml.indexOf("<saml2p:Response"));
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + body;
        assertEquals(SsoFailure.MALFORMED, refused(TestIdp.base64(xxe)));
        String bomb = "<!DOCTYPE r [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>" + body;
        assertEquals(SsoFailure.MALFORMED, refused(TestIdp.base64(bomb)));
        assertEquals(SsoFailure.MALFORMED, refused("not base64 at all!"));
        assertEquals(SsoFailure.MALFORMED, refused(TestIdp.base64("<html/>")));
    }

    // ---- XML signature wrapping: the attacker holds a genuine response for mallory and wants to be alice.

    private Document genuine(boolean signResponse, boolean signAssertion) throws Exception {
        TestIdp.Spec s = request();
        s.uid = "mallory";
        s.signResponse = signResponse;
        s.signAssertion = signAssertion;
        return parse(idp.xml(s));
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
        assertEquals(SsoFailure.UNSIGNED, refused(TestIdp.base64(serialize(doc))));
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
        assertEquals(SsoFailure.MALFORMED, refused(TestIdp.base64(serialize(doc))));
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
        assertEquals(SsoFailure.MALFORMED, refused(TestIdp.base64(serialize(doc))));
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
        assertEquals(SsoFailure.BAD_SIGNATURE, refused(TestIdp.base64(serialize(doc))));
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
        assertEquals(SsoFailure.MALFORMED, refused(TestIdp.base64(serialize(doc))));
        root.removeChild(extensions); // and without the genuine copy, the digest no longer matches
        assertEquals(SsoFailure.BAD_SIGNATURE, refused(TestIdp.base64(serialize(doc))));
    }

    @Test
    void failuresMapToDistinctLabels() {
        assertEquals(SsoFailure.values().length,
                java.util.Arrays.stream(SsoFailure.values()).map(SsoFailure::label).distinct().count());
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
