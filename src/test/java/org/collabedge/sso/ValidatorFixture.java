package org.collabedge.sso;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.collabedge.host.UserDirectory;
import org.collabedge.standalone.LocalSharedState;

/**
 * A {@link ResponseValidator} as the service provider runs it, with a {@link TestIdp} it trusts for example.test,
 * directory users alice, mallory and alice.evil, and the requests it remembers having sent. The keys (IdP, SP and a
 * stranger's) are made once per JVM; everything else is fresh for each fixture.
 */
final class ValidatorFixture {

    static final String ACS = "https://edge.example.test:8443/edge/sso/acs";
    static final String SP = "https://edge.example.test:8443/edge/sso/metadata";
    static final String SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";

    private static final TestIdp IDP = new TestIdp();
    private static final SpCredentials SP_KEYS = SpCredentials.generate(Clock.systemUTC());
    private static final SpCredentials STRANGER = SpCredentials.generate(Clock.systemUTC());

    final TestIdp idp = IDP;
    /** Our SP's keys: responses are for it, assertions may be encrypted to it. */
    final SpCredentials sp = SP_KEYS;
    /** Someone else's keys, never trusted. */
    final SpCredentials stranger = STRANGER;
    final OutstandingRequests outstanding;
    final ResponseValidator validator;
    final ResponseValidator.Expectations expect;

    ValidatorFixture() {
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

    /** A response to a request with {@code id} that the SP remembers sending (relay state "relay"). */
    TestIdp.Spec request(String id) {
        outstanding.remember(id, new OutstandingRequests.Pending(TestIdp.ENTITY_ID, SP, "relay", null));
        return new TestIdp.Spec(ACS, SP, id);
    }

    TestIdp.Spec request() {
        return request(AuthnRequestEncoder.newId());
    }

    /** Why the validator refuses the encoded response; fails the test if it accepts it. */
    SsoFailure refused(String encoded) {
        return assertThrows(SsoRefused.class, () -> validator.validate(encoded, expect)).failure();
    }

    SsoFailure refused(TestIdp.Spec s) throws Exception {
        return refused(idp.encoded(s));
    }
}
