package org.collabedge.cert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;

/**
 * PEM text in and out: what admins paste into the console and what the edge stores in its configuration. Parsing
 * splits the text into blocks first, so a bundle may mix certificates with keys or other objects and one odd block
 * does not hide the others; each block is then read with BouncyCastle's {@link PEMParser}.
 */
public final class Pem {

    /** One {@code -----BEGIN type-----} ... {@code -----END type-----} block, headers included. */
    public record Block(String type, String text) {
    }

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----.*?-----END \\1-----", Pattern.DOTALL);
    private static final String BEGIN = "-----BEGIN ";
    private static final Set<String> CERTIFICATE_TYPES = Set.of("CERTIFICATE", "X509 CERTIFICATE",
            "TRUSTED CERTIFICATE");

    private Pem() {
    }

    /** True when the text contains at least the start of a PEM block. */
    public static boolean containsPem(String text) {
        return text != null && text.contains(BEGIN);
    }

    /**
     * The PEM blocks in the text, in order; text outside blocks (openssl's "Bag Attributes", comments) is ignored.
     *
     * @throws CertificateProblem {@code cert.error.not_pem} when a block is not closed by its END line
     */
    public static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        if (text == null) {
            return blocks;
        }
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            blocks.add(new Block(matcher.group(1), matcher.group()));
        }
        int begins = countBegins(text);
        if (begins != blocks.size()) {
            throw new CertificateProblem(CertificateProblem.NOT_PEM,
                    "The PEM text is damaged: a -----BEGIN ...----- line has no matching -----END ...----- line.");
        }
        return blocks;
    }

    /** Every certificate in the text, in order, duplicates removed. */
    public static List<X509Certificate> parseCertificates(String text) {
        return parseCertificates(text, "The PEM text");
    }

    /**
     * Every certificate in the text, in order, duplicates removed.
     *
     * @param what names the text in messages, e.g. "The certificate" or "The chain"
     * @throws CertificateProblem {@code not_pem} when the text is not PEM or a certificate block is damaged,
     *                            {@code no_certificate} when it is PEM without any certificate
     */
    static List<X509Certificate> parseCertificates(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new CertificateProblem(CertificateProblem.NO_CERTIFICATE, what + " is empty: paste a certificate"
                    + " in PEM form (-----BEGIN CERTIFICATE-----).");
        }
        if (!containsPem(text)) {
            throw new CertificateProblem(CertificateProblem.NOT_PEM, what + " is not in PEM form: expected text"
                    + " starting with -----BEGIN CERTIFICATE-----.");
        }
        List<Block> blocks = blocks(text);
        Set<X509Certificate> certificates = new LinkedHashSet<>();
        Set<String> otherTypes = new LinkedHashSet<>();
        int index = 0;
        for (Block block : blocks) {
            index++;
            if (CERTIFICATE_TYPES.contains(block.type())) {
                certificates.add(readCertificate(block, index, what));
            } else {
                otherTypes.add(block.type());
            }
        }
        if (certificates.isEmpty()) {
            throw new CertificateProblem(CertificateProblem.NO_CERTIFICATE, what + " contains no certificate"
                    + (otherTypes.isEmpty() ? "." : " (it contains: " + String.join(", ", otherTypes) + ")."));
        }
        return List.copyOf(certificates);
    }

    private static X509Certificate readCertificate(Block block, int index, String what) {
        try (PEMParser parser = new PEMParser(new StringReader(block.text()))) {
            Object object = parser.readObject();
            X509CertificateHolder holder = object instanceof X509TrustedCertificateBlock trusted
                    ? trusted.getCertificateHolder() : (X509CertificateHolder) object;
            return toX509(holder.getEncoded());
        } catch (IOException | RuntimeException | CertificateException e) {
            throw new CertificateProblem(CertificateProblem.NOT_PEM, what + ": PEM block " + index + " ("
                    + block.type() + ") is damaged and cannot be read as a certificate.");
        }
    }

    /** A JDK certificate object from DER, so every certificate the edge holds comes from the same provider. */
    static X509Certificate toX509(byte[] der) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
    }

    public static String encode(X509Certificate certificate) {
        try {
            return encode("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("Cannot encode certificate", e);
        }
    }

    /** The certificates as one PEM bundle, in the given order. */
    public static String encodeAll(Collection<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            out.append(encode(certificate));
        }
        return out.toString();
    }

    /** Unencrypted PKCS#8 ({@code PRIVATE KEY}); the result is secret, handle it as the key itself. */
    public static String encodePrivateKey(PrivateKey key) {
        return encode("PRIVATE KEY", key.getEncoded());
    }

    private static String encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return BEGIN + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static int countBegins(String text) {
        int count = 0;
        for (int at = text.indexOf(BEGIN); at >= 0; at = text.indexOf(BEGIN, at + BEGIN.length())) {
            count++;
        }
        return count;
    }
}
