package org.collabedge.http.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;

/** Which headers cross the edge, and how Connection header lists are read. */
class ForwardHeadersTest {

    @Test
    void connectionListsNameHeadersButNotTheConnectionOptions() {
        assertEquals(Set.of("x-hop", "x-other"),
                ForwardHeaders.connectionTokens(List.of(" keep-alive , X-Hop", "Upgrade,,x-other ,CLOSE")));
        Set<String> none = Set.of();
        assertSame(none, ForwardHeaders.addConnectionTokens("keep-alive", none), "nothing named: no copy");
        assertSame(none, ForwardHeaders.addConnectionTokens(" , ", none));
        assertEquals(Set.of("a", "b"), ForwardHeaders.addConnectionTokens("B", Set.of("a")));
    }

    @Test
    void aListedTokenIsFoundIgnoringCaseAndBlanksButNotAsAPartOfAnother() {
        assertTrue(ForwardHeaders.listsToken("keep-alive, Close", "close"));
        assertTrue(ForwardHeaders.listsToken("\tclose\t", "close"));
        assertFalse(ForwardHeaders.listsToken("closed, enclose", "close"));
        assertFalse(ForwardHeaders.listsToken("", "close"));
    }

    @Test
    void hopByHopNamedAndForwardingHeadersAreDroppedFromTheForwardedRequest() {
        HttpFields client = HttpFields.build().add("Connection", "keep-alive, X-Secret").add("X-Secret", "1")
                .add("Keep-Alive", "timeout=5").add("X-Forwarded-For", "198.51.100.1").add("Forwarded", "for=x")
                .add("Authorization", "Basic abc").add("Accept", "text/html").add("Host", "edge");
        StringBuilder head = new StringBuilder();
        ForwardHeaders.appendRequestHeaders(client, true, head);
        assertEquals("Accept: text/html\r\n", head.toString());
        StringBuilder keepAuth = new StringBuilder();
        ForwardHeaders.appendRequestHeaders(client, false, keepAuth);
        assertEquals("Authorization: Basic abc\r\nAccept: text/html\r\n", keepAuth.toString());
        assertFalse(ForwardHeaders.passesToClient("x-secret", Set.of("x-secret"), false));
        assertTrue(ForwardHeaders.passesToClient("Upgrade", Set.of(), true));
        assertFalse(ForwardHeaders.passesToClient("Upgrade", Set.of(), false));
    }
}
