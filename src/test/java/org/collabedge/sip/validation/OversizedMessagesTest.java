package org.collabedge.sip.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

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

    @Test
    void noSenderOrAStoppedStackCountsNothing() {
        assertTrue(OversizedMessages.countIfTooLarge(new RuntimeException("Max Message Size Exceeded 65536"),
                "a-stack-that-stopped", sender), "recognised, but there is nothing to count it on");
        OversizedMessages.report(STACK, null);
        assertEquals(List.of(), failures);
        assertEquals(List.of(), refusals);
    }

    @Test
    void theParsersSizeLimitExceptionsCountAndOthersDoNot() {
        // What JAIN-SIP 1.3's NIO parser throws from addBytes when a message passes MAX_MESSAGE_SIZE.
        assertTrue(OversizedMessages.countIfTooLarge(new RuntimeException("Max Message Size Exceeded 65536"), STACK,
                sender));
        assertTrue(OversizedMessages.countIfTooLarge(new java.io.IOException("Max size exceeded!"), STACK, sender));
        assertFalse(OversizedMessages.countIfTooLarge(new java.io.IOException("Connection reset"), STACK, sender));
        assertFalse(OversizedMessages.countIfTooLarge(new RuntimeException(), STACK, sender));
        assertEquals(List.of(FailureCategory.SIP_PROTOCOL + " 192.0.2.7", FailureCategory.SIP_PROTOCOL + " 192.0.2.7"),
                failures);
        assertEquals(List.of(OversizedMessages.TOO_LARGE, OversizedMessages.TOO_LARGE), refusals);
    }
}
