package org.collabedge.sip.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The stack logs whole messages on errors: credentials must never reach the log. */
class Slf4jStackLoggerTest {

    @Test
    void credentialsAreBlankedAndLongLinesCut() {
        String logged = Slf4jStackLogger.cut("Problem connecting for message REGISTER sip:a SIP/2.0\r\n"
                + "Authorization: Bearer secret-token-value\r\nproxy-authorization: Digest response=\"abc\"\r\n"
                + "Call-ID: 1\r\n");
        assertFalse(logged.contains("secret-token-value"), logged);
        assertFalse(logged.contains("response=\"abc\""), logged);
        assertTrue(logged.contains("Authorization: <redacted>"), logged);
        assertTrue(Slf4jStackLogger.cut("x".repeat(5000)).length() < 400);
    }
}
