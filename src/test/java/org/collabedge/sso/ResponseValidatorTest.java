package org.collabedge.sso;

import static org.collabedge.sso.ValidatorFixture.ACS;
import static org.collabedge.sso.ValidatorFixture.SP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * Every way a SAML response can be wrong is refused with its reason; correct ones name the user. Forged
 * documents that wrap a genuine signature: {@link SignatureWrappingTest}.
 */
class ResponseValidatorTest {

    private final ValidatorFixture saml = new ValidatorFixture();

    @Test
    void aSignedResponseWithSignedAssertionNamesTheUser() throws Exception {
        ResponseValidator.Accepted ok = saml.validator.validate(saml.idp.encoded(saml.request()), saml.expect);
        assertEquals("alice", ok.user());
        assertEquals(TestIdp.ENTITY_ID, ok.idpEntityId());
        assertEquals("relay", ok.request().relayState());
    }

    @Test
    void aSignatureOnEitherTheResponseOrTheAssertionSuffices() throws Exception {
        TestIdp.Spec onlyResponse = saml.request();
        onlyResponse.signAssertion = false;
        assertEquals("alice", saml.validator.validate(saml.idp.encoded(onlyResponse), saml.expect).user());
        TestIdp.Spec onlyAssertion = saml.request();
        onlyAssertion.signResponse = false;
        assertEquals("alice", saml.validator.validate(saml.idp.encoded(onlyAssertion), saml.expect).user());
    }

    @Test
    void anAssertionEncryptedToOurKeyIsDecrypted() throws Exception {
        TestIdp.Spec s = saml.request();
        s.encryptTo = saml.sp;
        s.signResponse = false;
        assertEquals("alice", saml.validator.validate(saml.idp.encoded(s), saml.expect).user());
    }

    @Test
    void anAssertionEncryptedToAnotherKeyIsRefused() throws Exception {
        TestIdp.Spec s = saml.request();
        s.encryptTo = saml.stranger;
        assertEquals(SsoFailure.DECRYPTION_FAILED, saml.refused(s));
    }

    @Test
    void anEmailUidOfAnAssociatedDomainMapsToTheLocalUser() throws Exception {
        TestIdp.Spec s = saml.request();
        s.uid = "mallory@example.test";
        assertEquals("mallory", saml.validator.validate(saml.idp.encoded(s), saml.expect).user());
        TestIdp.Spec other = saml.request();
        other.uid = "mallory@elsewhere.test";
        assertEquals(SsoFailure.UNKNOWN_USER, saml.refused(other));
    }

    @Test
    void unsignedIsRefused() throws Exception {
        TestIdp.Spec s = saml.request();
        s.signResponse = false;
        s.signAssertion = false;
        assertEquals(SsoFailure.UNSIGNED, saml.refused(s));
    }

    @Test
    void signedByAnotherKeyIsRefused() throws Exception {
        TestIdp.Spec s = saml.request();
        s.signWith = saml.stranger; // the message may carry the saml.stranger's certificate: it is never trusted
        assertEquals(SsoFailure.BAD_SIGNATURE, saml.refused(s));
    }

    @Test
    void contentChangedAfterSigningIsRefused() throws Exception {
        TestIdp.Spec s = saml.request();
        s.uid = "mallory";
        String xml = saml.idp.xml(s).replace(">mallory<", ">alice<");
        assertEquals(SsoFailure.BAD_SIGNATURE, saml.refused(TestIdp.base64(xml)));
    }

    @Test
    void wrongAudienceRecipientDestinationAndIssuerAreRefused() throws Exception {
        TestIdp.Spec audience = saml.request();
        audience.audience = "https://other-sp.example.test";
        assertEquals(SsoFailure.WRONG_AUDIENCE, saml.refused(audience));
        TestIdp.Spec recipient = saml.request();
        recipient.recipient = "https://evil.example.test/acs";
        assertEquals(SsoFailure.WRONG_RECIPIENT, saml.refused(recipient));
        TestIdp.Spec destination = saml.request();
        destination.destination = "https://evil.example.test/acs";
        assertEquals(SsoFailure.WRONG_DESTINATION, saml.refused(destination));
        TestIdp.Spec issuer = saml.request();
        issuer.issuer = "https://unknown-idp.example.test";
        assertEquals(SsoFailure.UNKNOWN_ISSUER, saml.refused(issuer));
    }

    @Test
    void expiredAndNotYetValidAreRefused() throws Exception {
        TestIdp.Spec expired = saml.request();
        expired.now = expired.now.minus(Duration.ofMinutes(7));
        assertEquals(SsoFailure.EXPIRED, saml.refused(expired));
        TestIdp.Spec future = saml.request();
        future.notBefore = future.now.plus(Duration.ofMinutes(5));
        assertEquals(SsoFailure.NOT_YET_VALID, saml.refused(future));
        TestIdp.Spec issuedLater = saml.request();
        issuedLater.now = issuedLater.now.plus(Duration.ofMinutes(5));
        assertEquals(SsoFailure.NOT_YET_VALID, saml.refused(issuedLater));
    }

    @Test
    void withinTheClockSkewIsAccepted() throws Exception {
        TestIdp.Spec s = saml.request();
        s.notBefore = s.now.plusSeconds(30); // the IdP's clock runs 30 s ahead of ours
        assertEquals("alice", saml.validator.validate(saml.idp.encoded(s), saml.expect).user());
    }

    @Test
    void unknownOrReusedInResponseToIsRefused() throws Exception {
        assertEquals(SsoFailure.UNKNOWN_REQUEST, saml.refused(new TestIdp.Spec(ACS, SP, "_never-sent")));
        assertEquals(SsoFailure.UNKNOWN_REQUEST, saml.refused(new TestIdp.Spec(ACS, SP, null)));
        TestIdp.Spec first = saml.request("_once");
        saml.validator.validate(saml.idp.encoded(first), saml.expect);
        TestIdp.Spec again = new TestIdp.Spec(ACS, SP, "_once"); // a fresh assertion for a used request
        assertEquals(SsoFailure.UNKNOWN_REQUEST, saml.refused(again));
    }

    @Test
    void anUnsignedResponseCannotRedirectASignedAssertionToAnotherRequest() throws Exception {
        TestIdp.Spec s = saml.request("_theirs");
        s.signResponse = false; // only the assertion is signed, and it answers _theirs
        saml.request("_victims");
        String xml = saml.idp.xml(s).replaceFirst("InResponseTo=\"_theirs\"", "InResponseTo=\"_victims\"");
        // counts for the signed _theirs, not the unsigned claim
        saml.validator.validate(TestIdp.base64(xml), saml.expect);
        assertTrue(saml.outstanding.consume("_victims").isPresent(), "the victim's request is untouched");
        assertTrue(saml.outstanding.consume("_theirs").isEmpty());
    }

    @Test
    void aReplayedAssertionIsRefused() throws Exception {
        TestIdp.Spec first = saml.request();
        saml.validator.validate(saml.idp.encoded(first), saml.expect);
        TestIdp.Spec replay = saml.request();
        replay.assertionId = first.assertionId;
        assertEquals(SsoFailure.REPLAYED, saml.refused(replay));
    }

    @Test
    void aMissingUidIsRefusedAsTheSeedSays() throws Exception {
        TestIdp.Spec s = saml.request();
        s.uid = null;
        assertEquals(SsoFailure.NO_UID, saml.refused(s));
        assertEquals("No uid Attribute in Assertion from IdP", SsoFailure.NO_UID.logText());
        TestIdp.Spec wrongName = saml.request();
        wrongName.uidAttribute = "mail";
        assertEquals(SsoFailure.NO_UID, saml.refused(wrongName));
    }

    @Test
    void anUnknownUserIsRefused() throws Exception {
        TestIdp.Spec s = saml.request();
        s.uid = "eve";
        assertEquals(SsoFailure.UNKNOWN_USER, saml.refused(s));
    }

    @Test
    void aCommentInsideTheUidDoesNotTruncateIt() throws Exception {
        TestIdp.Spec s = saml.request();
        s.uid = "alice.evil"; // signed for alice.evil; c14n ignores comments, so the signature still holds
        String xml = saml.idp.xml(s).replace(">alice.evil</saml2:AttributeValue>",
                ">alice<!---->.evil</saml2:AttributeValue>");
        assertEquals("alice.evil", saml.validator.validate(TestIdp.base64(xml), saml.expect).user());
    }

    @Test
    void aCommentInsideTheNameIdChangesNothing() throws Exception {
        TestIdp.Spec s = saml.request();
        s.uid = "alice.evil";
        String xml = saml.idp.xml(s).replace(">alice.evil</saml2:NameID>", ">alice<!---->.evil</saml2:NameID>");
        assertEquals("alice.evil", saml.validator.validate(TestIdp.base64(xml), saml.expect).user());
    }

    @Test
    void dtdsAndExternalEntitiesAreRefused() throws Exception {
        String xml = saml.idp.xml(saml.request());
        String body = xml.substring(xml.indexOf("<saml2p:Response"));
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + body;
        assertEquals(SsoFailure.MALFORMED, saml.refused(TestIdp.base64(xxe)));
        String bomb = "<!DOCTYPE r [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>" + body;
        assertEquals(SsoFailure.MALFORMED, saml.refused(TestIdp.base64(bomb)));
        assertEquals(SsoFailure.MALFORMED, saml.refused("not base64 at all!"));
        assertEquals(SsoFailure.MALFORMED, saml.refused(TestIdp.base64("<html/>")));
    }

    @Test
    void failuresMapToDistinctLabels() {
        assertEquals(SsoFailure.values().length,
                java.util.Arrays.stream(SsoFailure.values()).map(SsoFailure::label).distinct().count());
    }
}
