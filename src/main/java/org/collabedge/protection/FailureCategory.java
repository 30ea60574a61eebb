package org.collabedge.protection;

import java.util.Locale;

/**
 * The kinds of failure automated intrusion protection counts per source address, as the seed's categories. Each
 * service reports its own; the protection service decides thresholds and bans.
 */
public enum FailureCategory {
    /** Missing or wrong credentials or token at the HTTP proxy. */
    HTTP_PROXY_AUTHORIZATION,
    /** A request the proxy refuses as malformed or ambiguous (400, smuggling, bad canonical form). */
    HTTP_PROXY_PROTOCOL,
    /** A request the allow list blocks (off by default: legitimate clients probe too). */
    HTTP_PROXY_RESOURCE_ACCESS,
    /** A SIP request whose digest or bearer credentials fail. */
    SIP_AUTHENTICATION,
    /** A malformed SIP message. */
    SIP_PROTOCOL,
    /** A protocol violation on an XMPP connection (reported by the Openfire host). */
    XMPP_PROTOCOL;

    /** Stable lower-case name for storage, metrics labels and message keys. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
