package org.collabedge.sso;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import net.shibboleth.utilities.java.support.xml.ParserPool;
import org.collabedge.host.UserDirectory;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.Unmarshaller;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Attribute;
import org.opensaml.saml.saml2.core.AttributeStatement;
import org.opensaml.saml.saml2.core.Audience;
import org.opensaml.saml.saml2.core.AudienceRestriction;
import org.opensaml.saml.saml2.core.Conditions;
import org.opensaml.saml.saml2.core.EncryptedAssertion;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.saml.saml2.core.StatusCode;
import org.opensaml.saml.saml2.core.SubjectConfirmation;
import org.opensaml.saml.saml2.core.SubjectConfirmationData;
import org.opensaml.saml.saml2.encryption.Decrypter;
import org.opensaml.saml.saml2.encryption.EncryptedElementTypeEncryptedKeyResolver;
import org.opensaml.xmlsec.encryption.support.ChainingEncryptedKeyResolver;
import org.opensaml.xmlsec.encryption.support.InlineEncryptedKeyResolver;
import org.opensaml.xmlsec.encryption.support.SimpleRetrievalMethodEncryptedKeyResolver;
import org.opensaml.xmlsec.keyinfo.impl.StaticKeyInfoCredentialResolver;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a SAML 2.0 Response received over HTTP-POST, completely, and names the user it vouches for.
 *
 * <p>Order matters: structure and IDs first, then the signature (response or assertion, with a key from the
 * issuer's metadata), and only then the content of the element whose signature verified: issuer, destination,
 * audience, recipient, validity window, bearer confirmation, InResponseTo (consumed once) and the assertion ID
 * (replay cache). The user comes from the configured attribute and must exist in the directory.
 */
public final class ResponseValidator {

    /** Base64 text larger than this is refused before decoding. */
    public static final int MAX_ENCODED = 512 * 1024;
    private static final String BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

    /** What this response must match: our addresses and key, the IdPs we know, the current settings. */
    public record Expectations(String acsUrl, SsoSettings settings, Function<String, Optional<IdpMetadata>> idps,
                               SpCredentials sp) {
    }

    /** A response accepted: who signed in, at which IdP, for which request. */
    public record Accepted(String user, String idpEntityId, OutstandingRequests.Pending request) {
    }

    private final ParserPool parser;
    private final OutstandingRequests outstanding;
    private final ReplayCache replay;
    private final UserDirectory users;
    private final Clock clock;

    public ResponseValidator(ParserPool parser, OutstandingRequests outstanding, ReplayCache replay,
                             UserDirectory users, Clock clock) {
        this.parser = parser;
        this.outstanding = outstanding;
        this.replay = replay;
        this.users = users;
        this.clock = clock;
    }

    public Accepted validate(String encoded, Expectations expect) throws SsoRefused {
        Response response = parse(encoded);
        Instant now = clock.instant();
        Duration skew = Duration.ofSeconds(expect.settings().clockSkewSeconds());
        if (!expect.acsUrl().equals(response.getDestination())) {
            throw new SsoRefused(SsoFailure.WRONG_DESTINATION);
        }
        String issuer = issuerOf(response);
        IdpMetadata idp = expect.idps().apply(issuer).orElseThrow(() -> new SsoRefused(SsoFailure.UNKNOWN_ISSUER));
        boolean responseSigned = response.isSigned();
        if (responseSigned && !SignatureCheck.verified(response, idp.signingCertificates())) {
            throw new SsoRefused(SsoFailure.BAD_SIGNATURE);
        }
        if (response.getStatus() == null || response.getStatus().getStatusCode() == null
                || !StatusCode.SUCCESS.equals(response.getStatus().getStatusCode().getValue())) {
            throw new SsoRefused(responseSigned ? SsoFailure.IDP_STATUS : SsoFailure.UNSIGNED);
        }
        Assertion assertion = theAssertion(response, expect.sp());
        if (assertion.isSigned()) {
            if (!SignatureCheck.verified(assertion, idp.signingCertificates())) {
                throw new SsoRefused(SsoFailure.BAD_SIGNATURE);
            }
        } else if (!responseSigned) {
            throw new SsoRefused(SsoFailure.UNSIGNED);
        }
        // From here on every value read comes from an element covered by a verified signature.
        if (assertion.getIssuer() == null || !idp.entityId().equals(assertion.getIssuer().getValue())) {
            throw new SsoRefused(SsoFailure.WRONG_ISSUER);
        }
        checkTimes(response, assertion, now, skew);
        SubjectConfirmationData confirmation = bearer(assertion, expect.acsUrl(), now, skew);
        // An unsigned Response's InResponseTo is not covered by any signature: then only the assertion's counts.
        String inResponseTo = responseSigned ? response.getInResponseTo() : confirmation.getInResponseTo();
        if (confirmation.getInResponseTo() != null && !confirmation.getInResponseTo().equals(inResponseTo)) {
            throw new SsoRefused(SsoFailure.UNKNOWN_REQUEST);
        }
        OutstandingRequests.Pending request = outstanding.consume(inResponseTo)
                .orElseThrow(() -> new SsoRefused(SsoFailure.UNKNOWN_REQUEST));
        if (!request.idpEntityId().equals(idp.entityId())) {
            throw new SsoRefused(SsoFailure.WRONG_ISSUER);
        }
        checkAudience(assertion, request.spEntityId());
        Instant validUntil = confirmation.getNotOnOrAfter().plus(skew);
        if (assertion.getID() == null || !replay.firstUse(assertion.getID(), validUntil, now)) {
            throw new SsoRefused(SsoFailure.REPLAYED);
        }
        String uid = uid(assertion, expect.settings().uidAttribute());
        String user = directoryUser(uid, expect.settings().domainsOf(idp.entityId()));
        return new Accepted(user, idp.entityId(), request);
    }

    private Response parse(String encoded) throws SsoRefused {
        if (encoded == null || encoded.length() > MAX_ENCODED) {
            throw new SsoRefused(SsoFailure.MALFORMED);
        }
        try {
            byte[] xml = Base64.getMimeDecoder().decode(encoded.getBytes(StandardCharsets.US_ASCII));
            Document doc = parser.parse(new ByteArrayInputStream(xml));
            if (!SignatureCheck.idsUnique(doc)) {
                throw new SsoRefused(SsoFailure.MALFORMED);
            }
            Element root = doc.getDocumentElement();
            Unmarshaller u = XMLObjectProviderRegistrySupport.getUnmarshallerFactory().getUnmarshaller(root);
            XMLObject object = u == null ? null : u.unmarshall(root);
            if (object instanceof Response r) {
                return r;
            }
            throw new SsoRefused(SsoFailure.MALFORMED);
        } catch (SsoRefused e) {
            throw e;
        } catch (Exception e) { // bad Base64, DOCTYPE, not XML, not SAML: all malformed, never echoed
            throw new SsoRefused(SsoFailure.MALFORMED);
        }
    }

    private static String issuerOf(Response response) throws SsoRefused {
        if (response.getIssuer() != null && response.getIssuer().getValue() != null) {
            return response.getIssuer().getValue();
        }
        if (response.getAssertions().size() == 1 && response.getAssertions().get(0).getIssuer() != null) {
            return response.getAssertions().get(0).getIssuer().getValue();
        }
        throw new SsoRefused(SsoFailure.UNKNOWN_ISSUER);
    }

    /** Exactly one assertion, plain or encrypted to our key; anything else is refused. */
    private static Assertion theAssertion(Response response, SpCredentials sp) throws SsoRefused {
        List<Assertion> plain = response.getAssertions();
        List<EncryptedAssertion> encrypted = response.getEncryptedAssertions();
        if (plain.size() + encrypted.size() != 1) {
            throw new SsoRefused(SsoFailure.MALFORMED);
        }
        if (!plain.isEmpty()) {
            return plain.get(0);
        }
        Decrypter decrypter = new Decrypter(null, new StaticKeyInfoCredentialResolver(sp.credential()),
                new ChainingEncryptedKeyResolver(List.of(new InlineEncryptedKeyResolver(),
                        new EncryptedElementTypeEncryptedKeyResolver(),
                        new SimpleRetrievalMethodEncryptedKeyResolver())));
        decrypter.setRootInNewDocument(true); // so the decrypted assertion's own signature can be checked
        try {
            Assertion a = decrypter.decrypt(encrypted.get(0));
            if (!SignatureCheck.idsUnique(a.getDOM().getOwnerDocument())) {
                throw new SsoRefused(SsoFailure.MALFORMED);
            }
            return a;
        } catch (SsoRefused e) {
            throw e;
        } catch (Exception e) {
            throw new SsoRefused(SsoFailure.DECRYPTION_FAILED);
        }
    }

    private static void checkTimes(Response response, Assertion assertion, Instant now, Duration skew)
            throws SsoRefused {
        for (Instant issued : new Instant[] {response.getIssueInstant(), assertion.getIssueInstant()}) {
            if (issued != null && issued.isAfter(now.plus(skew))) {
                throw new SsoRefused(SsoFailure.NOT_YET_VALID);
            }
            if (issued != null && issued.isBefore(now.minus(OutstandingRequests.TTL).minus(skew))) {
                throw new SsoRefused(SsoFailure.EXPIRED);
            }
        }
        Conditions c = assertion.getConditions();
        if (c == null) {
            throw new SsoRefused(SsoFailure.WRONG_AUDIENCE);
        }
        if (c.getNotBefore() != null && now.plus(skew).isBefore(c.getNotBefore())) {
            throw new SsoRefused(SsoFailure.NOT_YET_VALID);
        }
        if (c.getNotOnOrAfter() != null && !now.minus(skew).isBefore(c.getNotOnOrAfter())) {
            throw new SsoRefused(SsoFailure.EXPIRED);
        }
    }

    /** The bearer confirmation addressed to our ACS and still valid. */
    private static SubjectConfirmationData bearer(Assertion assertion, String acsUrl, Instant now, Duration skew)
            throws SsoRefused {
        if (assertion.getSubject() == null) {
            throw new SsoRefused(SsoFailure.WRONG_RECIPIENT);
        }
        SsoFailure problem = SsoFailure.WRONG_RECIPIENT;
        for (SubjectConfirmation sc : assertion.getSubject().getSubjectConfirmations()) {
            SubjectConfirmationData d = sc.getSubjectConfirmationData();
            if (!BEARER.equals(sc.getMethod()) || d == null || !acsUrl.equals(d.getRecipient())) {
                continue;
            }
            if (d.getNotOnOrAfter() == null || !now.minus(skew).isBefore(d.getNotOnOrAfter())) {
                problem = SsoFailure.EXPIRED;
            } else if (d.getNotBefore() != null && now.plus(skew).isBefore(d.getNotBefore())) {
                problem = SsoFailure.NOT_YET_VALID;
            } else {
                return d;
            }
        }
        throw new SsoRefused(problem);
    }

    private static void checkAudience(Assertion assertion, String spEntityId) throws SsoRefused {
        List<AudienceRestriction> restrictions = assertion.getConditions().getAudienceRestrictions();
        if (restrictions.isEmpty()) {
            throw new SsoRefused(SsoFailure.WRONG_AUDIENCE);
        }
        for (AudienceRestriction r : restrictions) { // every restriction must admit us (SAML core 2.5.1.4)
            if (r.getAudiences().stream().map(Audience::getURI).noneMatch(spEntityId::equals)) {
                throw new SsoRefused(SsoFailure.WRONG_AUDIENCE);
            }
        }
    }

    /** The single value of the user attribute, read as the element's whole text (comments cannot truncate it). */
    static String uid(Assertion assertion, String attributeName) throws SsoRefused {
        List<String> values = new ArrayList<>();
        for (AttributeStatement s : assertion.getAttributeStatements()) {
            for (Attribute a : s.getAttributes()) {
                if (attributeName.equals(a.getName()) || attributeName.equals(a.getFriendlyName())) {
                    for (XMLObject v : a.getAttributeValues()) {
                        values.add(text(v.getDOM()));
                    }
                }
            }
        }
        if (values.size() != 1 || values.get(0) == null || values.get(0).isBlank()) {
            throw new SsoRefused(SsoFailure.NO_UID);
        }
        return values.get(0).trim();
    }

    private static String text(Element e) {
        if (e == null) {
            return null;
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                return null; // structured values are not a user name
            }
        }
        return e.getTextContent();
    }

    /** The directory user: the uid itself, or its local part when its domain is one of this IdP's domains. */
    private String directoryUser(String uid, List<String> idpDomains) throws SsoRefused {
        if (users.lookup(uid).isPresent()) {
            return uid;
        }
        int at = uid.lastIndexOf('@');
        if (at > 0 && idpDomains.contains(uid.substring(at + 1).toLowerCase(Locale.ROOT))) {
            String local = uid.substring(0, at);
            if (users.lookup(local).isPresent()) {
                return local;
            }
        }
        throw new SsoRefused(SsoFailure.UNKNOWN_USER);
    }
}
