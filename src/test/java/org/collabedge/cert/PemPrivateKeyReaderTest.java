package org.collabedge.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.PrivateKey;

import org.junit.jupiter.api.Test;

class PemPrivateKeyReaderTest {

    private static final KeyPair EC = TestPki.ec();
    private static final KeyPair RSA = TestPki.rsa2048();
    private static final char[] PASSWORD = "s3cret pass".toCharArray();
    private static final String EC_PARAMETERS =
            "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";

    @Test
    void readsPkcs8() {
        assertReads(EC, TestPki.pkcs8(EC.getPrivate()), null);
        assertReads(RSA, TestPki.pkcs8(RSA.getPrivate()), null);
    }

    @Test
    void readsPkcs1RsaAndSec1Ec() {
        String rsa = TestPki.traditional(RSA);
        String ec = TestPki.traditional(EC);

        assertTrue(rsa.startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        assertTrue(ec.startsWith("-----BEGIN EC PRIVATE KEY-----"));
        assertReads(RSA, rsa, null);
        assertReads(EC, ec, null);
        assertReads(EC, EC_PARAMETERS + ec, null);
    }

    @Test
    void takesTheCurveFromAnEcParametersBlockWhenTheKeyOmitsIt() {
        String bare = TestPki.sec1WithoutCurve(EC);

        assertReads(EC, EC_PARAMETERS + bare, null);
        assertEquals(CertificateProblem.NOT_PEM, problem(bare, null).key());
    }

    @Test
    void readsEncryptedPkcs8AndOpenSslEncryptedKeysWithTheirPassword() {
        String pkcs8 = TestPki.encryptedPkcs8(EC.getPrivate(), PASSWORD);
        String openssl = TestPki.opensslEncrypted(RSA, PASSWORD);

        assertTrue(pkcs8.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        assertTrue(openssl.contains("Proc-Type: 4,ENCRYPTED"));
        assertReads(EC, pkcs8, PASSWORD);
        assertReads(RSA, openssl, PASSWORD);
    }

    @Test
    void encryptedKeysNeedTheRightPassword() {
        String pkcs8 = TestPki.encryptedPkcs8(EC.getPrivate(), PASSWORD);
        String openssl = TestPki.opensslEncrypted(EC, PASSWORD);

        for (String pem : new String[] {pkcs8, openssl}) {
            assertEquals(CertificateProblem.KEY_PASSWORD, problem(pem, null).key());
            assertEquals(CertificateProblem.KEY_PASSWORD, problem(pem, new char[0]).key());
            CertificateProblem wrong = problem(pem, "wrong".toCharArray());
            assertEquals(CertificateProblem.KEY_PASSWORD, wrong.key());
            assertFalse(wrong.getMessage().contains("wrong"), "the password is not echoed");
        }
    }

    @Test
    void saysWhenThereIsNoKey() {
        TestPki.Issued certificate = TestPki.root("No Key");

        assertEquals(CertificateProblem.NO_KEY, problem("", null).key());
        assertEquals(CertificateProblem.NO_KEY, problem(null, null).key());
        assertEquals(CertificateProblem.NO_KEY, problem(certificate.pem(), null).key());
    }

    @Test
    void refusesTextThatIsNotAPemKeyOrAnUnsupportedFormat() {
        assertEquals(CertificateProblem.NOT_PEM, problem("ssh-rsa AAAAB3NzaC1yc2E", null).key());
        CertificateProblem openssh = problem(
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
                null);
        assertEquals(CertificateProblem.NOT_PEM, openssh.key());
        assertTrue(openssh.getMessage().contains("OPENSSH PRIVATE KEY"), openssh.getMessage());
        String pem = TestPki.pkcs8(EC.getPrivate());
        assertEquals(CertificateProblem.NOT_PEM,
                problem(pem.replace(pem.substring(40, 60), "********************"), null).key());
    }

    @Test
    void messagesNeverContainKeyMaterial() {
        String pem = TestPki.encryptedPkcs8(RSA.getPrivate(), PASSWORD);
        String body = pem.split("\n")[3];

        CertificateProblem problem = problem(pem, "nope".toCharArray());

        assertFalse(problem.getMessage().contains(body));
        assertFalse(problem.getMessage().contains(TestPki.keyFragment(RSA.getPrivate())));
    }

    private static void assertReads(KeyPair expected, String pem, char[] password) {
        PrivateKey key = PemPrivateKeyReader.read(pem, password);
        assertEquals(expected.getPrivate().getAlgorithm(), key.getAlgorithm());
        assertTrue(TestPki.sameKey(expected.getPrivate(), key), "same key after reading " + pem.lines().findFirst());
    }

    private static CertificateProblem problem(String pem, char[] password) {
        return assertThrows(CertificateProblem.class, () -> PemPrivateKeyReader.read(pem, password));
    }
}
