package org.collabedge.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The parameters of one Digest Authorization or Proxy-Authorization header, and the check of its response against a
 * secret (RFC 3261 22.4 with RFC 8760's algorithms; qop "auth" or none).
 */
public record DigestCredentials(String username, String realm, String nonce, String uri, String response,
                                String algorithm, String qop, String nc, String cnonce) {

    public static DigestCredentials of(Map<String, String> params) {
        return new DigestCredentials(params.get("username"), params.get("realm"), params.get("nonce"),
                params.get("uri"), params.get("response"), params.get("algorithm"), params.get("qop"),
                params.get("nc"), params.get("cnonce"));
    }

    public boolean complete() {
        return username != null && realm != null && nonce != null && uri != null && response != null
                && (qop == null || (nc != null && cnonce != null));
    }

    /** True when the response proves knowledge of {@code secret} for this method. */
    public boolean matches(DigestAlgorithm algo, String method, char[] secret) {
        String ha1 = algo.hex(username + ":" + realm + ":" + new String(secret));
        String ha2 = algo.hex(method + ":" + uri);
        String expected = qop == null
                ? algo.hex(ha1 + ":" + nonce + ":" + ha2)
                : algo.hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
