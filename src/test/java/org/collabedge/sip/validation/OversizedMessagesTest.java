package org.collabedge.sip.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import org.collabedge.protection.FailureCategory;
import org.collabedge.sip.transport.StackContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An oversized message on a connection counts against its sender like other malformed input: a protocol failure for
 * protection (bans) and a refusal for the failure metric. A message within the limit costs nothing.
 */
class OversizedMessagesTest {

    private static final String STACK = "oversized-test-stack";
    private static final int LIMIT = 1024;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Refusal> refusals = Collections.synchronizedList(new ArrayList<>());
    private InetAddress sender;

    @BeforeEach
    void register() throws Exception {
        sender = InetAddress.getByName("192.0.2.7");
        ValveContext valve = new ValveContext(new RequestValidator(java.util.Set::of),
                (category, source, user) -> failures.add(category + " " + source.getHostAddress()), refusals::add);
        StackContexts.register(STACK, Map.of(ValveContext.PROPERTY, valve));
    }

    @AfterEach
    void unregister() {
        StackContexts.remove(STACK);
    }

    private static SIPMessage options(int padding, int contentLength) throws Exception {
        String body = "x".repeat(contentLength);
        String text = "OPTIONS sip:example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 192.0.2.7:5060;branch=z9hG4bK-1\r\n"
                + "From: <sip:alice@example.com>;tag=1\r\nTo: <sip:example.com>\r\nCall-ID: c1\r\n"
                + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
                + (padding > 0 ? "Subject: " + "a".repeat(padding) + "\r\n" : "")
                + "Content-Length: " + contentLength + "\r\n\r\n" + body;
        return new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.US_ASCII), true, false, null);
    }

    @Test
    void aMessageWithinTheLimitIsNotCounted() throws Exception {
        assertFalse(OversizedMessages.count(options(0, 100), LIMIT, STACK, sender));
        assertEquals(List.of(), failures);
        assertEquals(List.of(), refusals);
    }

    @Test
    void anOversizedHeadOrBodyCountsAsAProtocolFailureOfTheSender() throws Exception {
        assertTrue(OversizedMessages.count(options(LIMIT, 0), LIMIT, STACK, sender), "head too long");
        assertTrue(OversizedMessages.count(options(0, LIMIT), LIMIT, STACK, sender), "body too long");
        assertEquals(List.of(FailureCategory.SIP_PROTOCOL + " 192.0.2.7", FailureCategory.SIP_PROTOCOL + " 192.0.2.7"),
                failures);
        assertEquals(List.of(OversizedMessages.TOO_LARGE, OversizedMessages.TOO_LARGE), refusals);
        assertEquals(513, OversizedMessages.TOO_LARGE.status());
    }

    @Test
    void noLimitOrAStoppedStackCountsNothing() throws Exception {
        assertFalse(OversizedMessages.count(options(LIMIT, 0), 0, STACK, sender), "0: no limit");
        OversizedMessages.report("a-stack-that-stopped", sender);
        OversizedMessages.report(STACK, null);
        assertEquals(List.of(), failures);
    }
}
