package org.collabedge.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;

class PemTest {

    private static final TestPki.Issued ROOT = TestPki.root("Pem Root");
    private static final TestPki.Issued LEAF = TestPki.leaf(ROOT, "pem.example.com");

    @Test
    void encodesAndParsesSeveralCertificatesInOrder() {
        String bundle = Pem.encodeAll(List.of(LEAF.certificate(), ROOT.certificate()));

        assertTrue(bundle.startsWith("-----BEGIN CERTIFICATE-----\n"));
        assertTrue(bundle.lines().allMatch(line -> line.length() <= 64));
        assertEquals(List.of(LEAF.certificate(), ROOT.certificate()), Pem.parseCertificates(bundle));
    }

    @Test
    void skipsTextAndBlocksThatAreNotCertificatesAndDropsDuplicates() {
        String text = "Bag Attributes\r\n    friendlyName: edge\r\n" + TestPki.pkcs8(LEAF.keys().getPrivate())
                + LEAF.pem().replace("\n", "\r\n") + "subject=CN=x\n" + LEAF.pem();

        List<X509Certificate> certificates = Pem.parseCertificates(text);

        assertEquals(List.of(LEAF.certificate()), certificates);
    }

    @Test
    void refusesTextThatIsNotPem() {
        assertEquals(CertificateProblem.NOT_PEM, problem("MIIBszCCAVmgAwIBAgIUQ").key());
    }

    @Test
    void refusesPemWithoutCertificateAndSaysWhatItHas() {
        CertificateProblem problem = problem(TestPki.pkcs8(LEAF.keys().getPrivate()));

        assertEquals(CertificateProblem.NO_CERTIFICATE, problem.key());
        assertTrue(problem.getMessage().contains("PRIVATE KEY"), problem.getMessage());
        assertEquals(CertificateProblem.NO_CERTIFICATE, problem("  \n").key());
    }

    @Test
    void refusesDamagedOrUnclosedBlocks() {
        String pem = LEAF.pem();
        String damaged = pem.substring(0, 40) + "!!!!" + pem.substring(44);
        String unclosed = pem.substring(0, pem.indexOf("-----END"));

        assertEquals(CertificateProblem.NOT_PEM, problem(damaged).key());
        assertEquals(CertificateProblem.NOT_PEM, problem(unclosed).key());
        assertEquals(CertificateProblem.NOT_PEM,
                problem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").key());
    }

    @Test
    void encodesKeysAsPkcs8() {
        String pem = Pem.encodePrivateKey(LEAF.keys().getPrivate());

        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(TestPki.sameKey(LEAF.keys().getPrivate(), PemPrivateKeyReader.read(pem, null)));
    }

    private static CertificateProblem problem(String text) {
        return assertThrows(CertificateProblem.class, () -> Pem.parseCertificates(text));
    }
}
