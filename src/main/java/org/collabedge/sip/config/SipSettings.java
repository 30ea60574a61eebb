package org.collabedge.sip.config;

import java.util.List;

/**
 * Edge-wide SIP behaviour. Listener ports live in the foundation's {@link org.collabedge.config.EdgeSettings}.
 *
 * @param registrationMode          Contact rewrite or Path towards internal call control
 * @param edgeAuthForInternal       also challenge requests for internal-call-control domains at the edge
 * @param digestAlgorithms          offered digest algorithms in preference order ("SHA-256", "MD5")
 * @param bearerTokens              accept RFC 8898 bearer edge tokens
 * @param minExpiresSeconds         shortest registration accepted (423 Interval Too Brief below it)
 * @param maxExpiresSeconds         longest registration granted
 * @param defaultExpiresSeconds     granted when the client asks for none
 * @param flowTimerSeconds          RFC 5626 Flow-Timer: how often a client should send a CRLF keep-alive
 * @param allowedWebSocketOrigins   web sites ("https://host[:port]") whose pages may open the SIP WebSocket; empty:
 *                                  none, only clients that send no Origin (not browsers), see {@link WebSocketOrigins}
 */
public record SipSettings(RegistrationMode registrationMode, boolean edgeAuthForInternal,
                          List<String> digestAlgorithms, boolean bearerTokens, int minExpiresSeconds,
                          int maxExpiresSeconds, int defaultExpiresSeconds, int flowTimerSeconds,
                          List<String> allowedWebSocketOrigins) {

    public SipSettings {
        digestAlgorithms = List.copyOf(digestAlgorithms);
        // Documents stored before the setting existed have none: no web page allowed.
        allowedWebSocketOrigins = allowedWebSocketOrigins == null ? List.of() : List.copyOf(allowedWebSocketOrigins);
    }

    /** Settings without WebSocket origins (no web page may open the SIP WebSocket). */
    public SipSettings(RegistrationMode registrationMode, boolean edgeAuthForInternal, List<String> digestAlgorithms,
                       boolean bearerTokens, int minExpiresSeconds, int maxExpiresSeconds, int defaultExpiresSeconds,
                       int flowTimerSeconds) {
        this(registrationMode, edgeAuthForInternal, digestAlgorithms, bearerTokens, minExpiresSeconds,
                maxExpiresSeconds, defaultExpiresSeconds, flowTimerSeconds, List.of());
    }

    /** These settings with another WebSocket origin allow-list. */
    public SipSettings withAllowedWebSocketOrigins(List<String> origins) {
        return new SipSettings(registrationMode, edgeAuthForInternal, digestAlgorithms, bearerTokens,
                minExpiresSeconds, maxExpiresSeconds, defaultExpiresSeconds, flowTimerSeconds, origins);
    }

    public static SipSettings defaults() {
        return new SipSettings(RegistrationMode.CONTACT_REWRITE, false, List.of("SHA-256", "MD5"), true, 60, 3600,
                3600, 120);
    }
}
