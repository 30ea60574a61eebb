package org.collabedge.sso;

import org.opensaml.xmlsec.signature.support.SignatureConstants;

/**
 * The seed's per-IdP "Digest": the hash the edge signs its authentication requests with. SHA-256 is the default
 * (the seed's X8.5.1 change); SHA-1 only for IdPs that cannot verify anything better.
 */
public enum SignatureDigest {
    SHA1("SHA1withRSA", SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA1),
    SHA256("SHA256withRSA", SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA256),
    SHA512("SHA512withRSA", SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA512);

    private final String jcaName;
    private final String uri;

    SignatureDigest(String jcaName, String uri) {
        this.jcaName = jcaName;
        this.uri = uri;
    }

    /** The JCA signature algorithm for an RSA key. */
    public String jcaName() {
        return jcaName;
    }

    /** The XML Signature algorithm URI sent as SigAlg. */
    public String uri() {
        return uri;
    }

    /** Parses a form value such as "SHA256"; null when unknown. */
    public static SignatureDigest parse(String value) {
        for (SignatureDigest d : values()) {
            if (d.name().equalsIgnoreCase(value)) {
                return d;
            }
        }
        return null;
    }
}
