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
 */
public record SipSettings(RegistrationMode registrationMode, boolean edgeAuthForInternal,
                          List<String> digestAlgorithms, boolean bearerTokens, int minExpiresSeconds,
                          int maxExpiresSeconds, int defaultExpiresSeconds, int flowTimerSeconds) {

    public SipSettings {
        digestAlgorithms = List.copyOf(digestAlgorithms);
    }

    public static SipSettings defaults() {
        return new SipSettings(RegistrationMode.CONTACT_REWRITE, false, List.of("SHA-256", "MD5"), true, 60, 3600,
                3600, 120);
    }
}
