package org.collabedge.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.PropertyEventDispatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.mockito.Mockito;

class OpenfireConfigStoreTest {

    private static final String DOC = "edge-config";
    private static final String BASE = "collabedge.config.edge-config.";

    private MockedStatic<JiveGlobals> globals;
    private MockedStatic<PropertyEventDispatcher> dispatcher;
    private FakeProperties properties;
    private OpenfireConfigStore store;
    private final List<String> changed = new ArrayList<>();

    @BeforeEach
    void setUp() {
        globals = Mockito.mockStatic(JiveGlobals.class);
        dispatcher = Mockito.mockStatic(PropertyEventDispatcher.class);
        properties = new FakeProperties();
        properties.install(globals, dispatcher);
        store = new OpenfireConfigStore();
        store.onExternalChange(changed::add);
    }

    @AfterEach
    void tearDown() {
        store.close();
        dispatcher.close();
        globals.close();
    }

    /** 20,000 characters with 1-, 2-, 3- and 4-byte UTF-8 characters mixed in. */
    private static String document(int length, long seed) {
        Random random = new Random(seed);
        String[] pieces = {"a", "{\"k\":", "ü", "€", "😀", " ", "\n", "x"};
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            String piece = pieces[random.nextInt(pieces.length)];
            if (out.length() + piece.length() > length) {
                piece = "z";
            }
            out.append(piece);
        }
        return out.toString();
    }

    private int chunkCount() {
        int n = 0;
        while (properties.values.containsKey(BASE + n)) {
            n++;
        }
        return n;
    }

    @Test
    void twentyThousandCharacterDocumentRoundTripsThroughChunksThatFitTheColumn() {
        String content = document(20_000, 1);
        store.save(DOC, content);

        int chunks = chunkCount();
        assertTrue(chunks >= 7, "a 20,000-character document with multi-byte characters needs several chunks");
        for (int i = 0; i < chunks; i++) {
            String chunk = properties.values.get(BASE + i);
            assertTrue(chunk.getBytes(StandardCharsets.UTF_8).length <= OpenfireConfigStore.MAX_CHUNK_BYTES);
            assertTrue(chunk.length() <= 4000);
        }
        assertTrue(properties.values.get(BASE + "chunks").startsWith(chunks + ":"));
        assertEquals(Optional.of(content), store.load(DOC));
    }

    @Test
    void splitNeverCutsASurrogatePair() {
        String emoji = "😀".repeat(3000);
        List<String> chunks = OpenfireConfigStore.split(emoji);
        assertEquals(emoji, String.join("", chunks));
        for (String chunk : chunks) {
            assertFalse(Character.isLowSurrogate(chunk.charAt(0)), "chunk starts in the middle of a character");
        }
    }

    @Test
    void shrinkingADocumentDeletesItsStaleChunks() {
        store.save(DOC, document(20_000, 2));
        int before = chunkCount();
        store.save(DOC, "short");

        assertEquals(1, chunkCount());
        for (int i = 1; i < before; i++) {
            assertNull(properties.values.get(BASE + i), "stale chunk " + i + " left behind");
        }
        assertEquals("1:" + OpenfireConfigStore.digest("short"), properties.values.get(BASE + "chunks"));
        assertEquals(Optional.of("short"), store.load(DOC));
    }

    @Test
    void emptyAndMissingDocumentsAreDistinct() {
        assertEquals(Optional.empty(), store.load(DOC));
        store.save(DOC, "");
        assertEquals(Optional.of(""), store.load(DOC));
        store.delete(DOC);
        assertEquals(Optional.empty(), store.load(DOC));
        assertTrue(properties.values.keySet().stream().noneMatch(k -> k.startsWith("collabedge.config.")));
    }

    @Test
    void dottedDocumentNamesDoNotDeleteEachOther() {
        // JiveGlobals.deleteProperty("x.1") also deletes "x.1.*": names must not nest.
        store.save("certificates", document(5_000, 3));
        store.save("certificates.1", "other");
        store.save("certificates", "tiny");
        assertEquals(Optional.of("other"), store.load("certificates.1"));
        store.delete("certificates");
        assertEquals(Optional.of("other"), store.load("certificates.1"));
    }

    @Test
    void aDocumentWhoseChunksDoNotMatchItsMarkerIsReportedNotReturned() {
        store.save(DOC, document(8_000, 4));
        properties.values.put(BASE + "1", "tampered");
        assertThrows(IllegalStateException.class, () -> store.load(DOC));
    }

    @Test
    void anotherNodesSaveIsReportedOnceWhenComplete() {
        String content = document(9_000, 5);
        List<String> chunks = OpenfireConfigStore.split(content);
        // Arrives as separate property events, as Openfire replicates each put to the other nodes.
        for (int i = 0; i < chunks.size(); i++) {
            properties.set(BASE + i, chunks.get(i));
            assertTrue(changed.isEmpty(), "reported before the document was complete");
        }
        properties.set(BASE + "chunks", chunks.size() + ":" + OpenfireConfigStore.digest(content));

        assertEquals(List.of(DOC), changed);
        assertEquals(Optional.of(content), store.load(DOC));
    }

    @Test
    void eventsForADottedDocumentMapBackToItsName() {
        properties.set("collabedge.config.certificates~2Eidentity.0", "pem");
        properties.set("collabedge.config.certificates~2Eidentity.chunks", "1:" + OpenfireConfigStore.digest("pem"));
        assertEquals(List.of("certificates.identity"), changed);
    }

    @Test
    void thisNodesOwnSavesAndDeletesAreNotEchoed() {
        store.save(DOC, document(9_000, 6));
        store.save(DOC, "changed");
        store.delete(DOC);
        assertEquals(List.of(), changed);
    }

    @Test
    void anotherNodesDeleteIsReportedOnce() {
        store.save(DOC, document(9_000, 7));
        properties.delete(BASE + "chunks");
        properties.delete(BASE + "1");
        properties.delete(BASE + "0");
        assertEquals(List.of(DOC), changed);
    }

    @Test
    void unrelatedPropertiesAreIgnored() {
        properties.set("collabedge.secret.x.password", "v1:abc");
        properties.set("collabedge.config.", "x");
        properties.set("collabedge.config.edge-config.notachunk", "x");
        properties.set("xmpp.domain", "example.org");
        assertEquals(List.of(), changed);
    }

    @Test
    void closeUnregistersThePropertyListener() {
        assertEquals(1, properties.listeners.size());
        store.close();
        assertEquals(0, properties.listeners.size());
        properties.set(BASE + "chunks", "0:" + OpenfireConfigStore.digest(""));
        assertEquals(List.of(), changed);
    }
}
