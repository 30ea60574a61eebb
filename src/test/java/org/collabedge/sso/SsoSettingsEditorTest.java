package org.collabedge.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipInputStream;

import org.collabedge.config.ValidationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing IdPs, digests, domain association with transfer, options: every refusal names its field. */
class SsoSettingsEditorTest {

    static TestIdp idp;
    static final String OTHER = "https://other-idp.example.test/saml";

    @TempDir
    Path dir;
    private SsoHarness edge;
    private SsoSettingsEditor editor;

    @BeforeAll
    static void idp() {
        idp = new TestIdp();
    }

    @BeforeEach
    void setUp() {
        edge = new SsoHarness(dir);
        editor = edge.sso.editor();
    }

    @AfterEach
    void tearDown() throws Exception {
        edge.close();
    }

    @Test
    void anImportedIdpIsListedByEntityIdWithItsDigest() {
        IdentityProvider i = editor.importMetadata(idp.metadata(), "SHA512", null);
        assertEquals(TestIdp.ENTITY_ID, i.entityId());
        assertEquals(SignatureDigest.SHA512, edge.sso.settings().identityProvider(TestIdp.ENTITY_ID).orElseThrow()
                .digest());
        editor.setDigest(TestIdp.ENTITY_ID, "SHA1");
        assertEquals(SignatureDigest.SHA1, edge.sso.settings().identityProviders().get(0).digest());
        assertEquals(TestIdp.SSO_URL, edge.sso.idpMetadata(TestIdp.ENTITY_ID).orElseThrow().redirectSsoUrl());
    }

    @Test
    void badMetadataIsRefusedAndNothingIsStored() {
        for (String bad : List.of("", "not xml", "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:"
                + "metadata\" entityID=\"x\"/>", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + idp.metadata())) {
            ValidationException e = assertThrows(ValidationException.class,
                    () -> editor.importMetadata(bad, "SHA256", null));
            assertTrue(e.hasErrorFor("metadata"), e.getMessage());
        }
        assertTrue(assertThrows(ValidationException.class,
                () -> editor.importMetadata(idp.metadata(), "MD5", null)).hasErrorFor("digest"));
        assertTrue(edge.sso.settings().identityProviders().isEmpty());
    }

    @Test
    void metadataUrlsMustBeHttps() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> editor.importFromUrl("http://127.0.0.1:1/metadata", "SHA256"));
        assertTrue(e.hasErrorFor("metadataUrl"));
        assertTrue(e.getMessage().contains("https://"), e.getMessage());
    }

    @Test
    void aMetadataUrlWithCredentialsIsRefusedWithoutShowingThem() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> editor.importFromUrl("https://admin:s3cret@127.0.0.1:1/metadata", "SHA256"));
        assertTrue(e.hasErrorFor("metadataUrl"));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertFalse(e.errors().stream().flatMap(x -> x.args().stream())
                .anyMatch(a -> String.valueOf(a).contains("s3cret")), "the page would show the password");
        assertTrue(edge.sso.settings().identityProviders().isEmpty());
    }

    @Test
    void domainsMoveBetweenIdpsAndDeletingAnIdpFreesItsDomains() {
        editor.importMetadata(idp.metadata(), null, null);
        editor.importMetadata(idp.metadata(OTHER, "https://other-idp.example.test/sso"), null, null);
        editor.associateDomains(TestIdp.ENTITY_ID, List.of("example.test", "other.test"));
        assertEquals(List.of("example.test", "other.test"), edge.domainsOf(TestIdp.ENTITY_ID));
        editor.associateDomains(OTHER, List.of("Other.Test")); // the seed's "(Transfer)"
        assertEquals(List.of("example.test"), edge.domainsOf(TestIdp.ENTITY_ID));
        assertEquals(List.of("other.test"), edge.domainsOf(OTHER));
        editor.associateDomains(TestIdp.ENTITY_ID, List.of()); // unticking drops the association
        assertEquals(List.of(), edge.domainsOf(TestIdp.ENTITY_ID));
        assertTrue(assertThrows(ValidationException.class, () -> editor.associateDomains(OTHER,
                List.of("unknown.test"))).hasErrorFor("domains"));
        editor.delete(OTHER);
        assertFalse(edge.sso.settings().forDomain("other.test").isPresent());
        assertTrue(assertThrows(ValidationException.class, () -> editor.delete(OTHER)).hasErrorFor("entityId"));
    }

    @Test
    void optionsAreValidated() {
        editor.setOptions("mail", 120);
        assertEquals("mail", edge.sso.settings().uidAttribute());
        ValidationException e = assertThrows(ValidationException.class, () -> editor.setOptions("a b", 601));
        assertTrue(e.hasErrorFor("uidAttribute") && e.hasErrorFor("clockSkew"));
        assertEquals(120, edge.sso.settings().clockSkewSeconds());
    }

    @Test
    void theInternalCheckRequestIsValidatedFieldByField() {
        assertEquals(InternalSsoQuery.defaults(), edge.sso.settings().internalCheck());
        ValidationException e = assertThrows(ValidationException.class, () -> edge.sso.editor()
                .setInternalCheck(new InternalSsoQuery("no-slash", 0, 50)));
        assertTrue(e.hasErrorFor("internalCheckPath") && e.hasErrorFor("internalCheckPort")
                && e.hasErrorFor("internalCheckTimeout"));
        InternalSsoQuery q = new InternalSsoQuery("/cucm-uds/sso?user={user}&domain={domain}", 8443, 1500);
        edge.sso.editor().setInternalCheck(q);
        assertEquals(q, edge.sso.settings().internalCheck());
    }

    @Test
    void theSpKeyIsMadeOnceAndSurvivesARestart() throws Exception {
        var first = edge.sso.spCredentials().certificate();
        edge.sso.stop();
        edge.sso.start();
        assertEquals(first, edge.sso.spCredentials().certificate());
        assertFalse(edge.sso.settings().spCertificate().contains("PRIVATE"), "only the certificate is in config");
    }

    @Test
    void theAdminMayChooseASmallerKeyForCheaperDecryption() throws Exception {
        assertEquals(SpKeyType.RSA_3072, edge.sso.spCredentials().keyType());
        var before = edge.sso.spCredentials().certificate();
        edge.sso.replaceSpKey(SpKeyType.RSA_2048);
        assertEquals(SpKeyType.RSA_2048, edge.sso.spCredentials().keyType());
        assertFalse(before.equals(edge.sso.spCredentials().certificate()));
        String cert = java.util.Base64.getEncoder().encodeToString(edge.sso.spCredentials().certificate()
                .getEncoded());
        assertTrue(edge.sso.spMetadata(null).contains(cert), "the metadata offers the new key");
        edge.sso.stop();
        edge.sso.start();
        assertEquals(SpKeyType.RSA_2048, edge.sso.spCredentials().keyType(), "kept across a restart");
    }

    @Test
    void theZipHoldsOneMetadataFilePerDeployment() throws Exception {
        edge.config.addDeployment("Branch");
        int files = 0;
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(edge.sso.export().zip(null)))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                assertTrue(e.getName().startsWith("collabedge-sp-node-1-"), e.getName());
                assertTrue(new String(zip.readAllBytes()).contains("entityID=\"https://edge.example.test:8443/"));
                files++;
            }
        }
        assertEquals(2, files);
    }
}
