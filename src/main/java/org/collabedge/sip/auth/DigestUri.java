package org.collabedge.sip.auth;

import java.text.ParseException;

import javax.sip.address.URI;

import gov.nist.javax.sip.address.AddressFactoryImpl;

/**
 * RFC 3261 22.4 (and RFC 7616 3.4.6): the digest {@code uri} parameter names the Request-URI the answer was computed
 * for. A response computed for another URI proves the secret but not that the client meant this request, so it must
 * not authenticate it. Equal means the same text, or equal as SIP URIs (RFC 3261 19.1.4: case-insensitive host and
 * scheme, same parameters in any order), since clients write the same URI in slightly different ways.
 */
final class DigestUri {

    private static final AddressFactoryImpl URIS = new AddressFactoryImpl();

    private DigestUri() {
    }

    static boolean matches(String digestUri, URI requestUri) {
        if (digestUri == null || requestUri == null) {
            return false;
        }
        String request = requestUri.toString();
        if (digestUri.equals(request)) {
            return true;
        }
        try {
            return URIS.createURI(digestUri).equals(requestUri);
        } catch (ParseException | RuntimeException unparsable) {
            return false;
        }
    }
}
