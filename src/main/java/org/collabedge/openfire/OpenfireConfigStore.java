package org.collabedge.openfire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.collabedge.host.ConfigStore;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.PropertyEventDispatcher;
import org.jivesoftware.util.PropertyEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration documents as JiveGlobals properties (Openfire's ofProperty table, replicated to every cluster node
 * by Openfire itself).
 *
 * <p><b>Layout.</b> ofProperty.propValue is VARCHAR(4000) or less (VARCHAR2(4000) bytes on Oracle, 3000 in old DB2
 * scripts), and a value that does not fit is only logged by JiveProperties, not stored. A document is therefore
 * split into chunks of at most {@value #MAX_CHUNK_BYTES} UTF-8 bytes: {@code collabedge.config.<doc>.0 .. n-1},
 * then a commit marker {@code collabedge.config.<doc>.chunks = "<n>:<sha-256 of the document>"}, written last.
 * Chunks beyond the new count are deleted afterwards. A reader that finds chunks that do not hash to the marker's
 * digest (it raced a writer, here or on another node) retries, then reports the document as unreadable.
 * {@code <doc>} is escaped by {@link PropertyNames} (no dots; property names are limited to 100 characters).
 *
 * <p><b>External changes.</b> A PropertyEventListener maps events under {@code collabedge.config.} back to a
 * document name. Listeners are told about a document only when it is complete (its chunks match its marker) and
 * its digest differs from the last one this node saw, saved or loaded. This suppresses the echo of this node's own
 * saves (JiveProperties dispatches their events synchronously on the saving thread, where they are ignored, and the
 * saved digest is remembered), the torn intermediate states of a multi-chunk write arriving from another node, and
 * duplicate events. Deletion is reported once, when the marker goes. Hand-editing a chunk on the System Properties
 * page breaks the digest: the document then reads as corrupt until it is saved again.
 */
final class OpenfireConfigStore implements ConfigStore, AutoCloseable {

    static final String PREFIX = "collabedge.config.";
    static final String MARKER = "chunks";
    static final int MAX_CHUNK_BYTES = 2900;

    private static final Logger LOG = LoggerFactory.getLogger(OpenfireConfigStore.class);
    private static final int MAX_NAME_LENGTH = 100;
    private static final int READ_ATTEMPTS = 3;
    /** Digest remembered for a document this node knows to be absent. */
    private static final String ABSENT = "";

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, String> lastSeen = new ConcurrentHashMap<>();
    private final ThreadLocal<Boolean> writing = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private final PropertyEventListener propertyListener = new Events();

    OpenfireConfigStore() {
        PropertyEventDispatcher.addListener(propertyListener);
    }

    @Override
    public synchronized Optional<String> load(String document) {
        String segment = segment(document);
        for (int attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
            Stored stored = read(segment);
            if (stored != null) {
                lastSeen.put(document, stored.digest());
                return Optional.ofNullable(stored.content());
            }
            if (attempt < READ_ATTEMPTS) {
                pauseBeforeRetry();
            }
        }
        throw new IllegalStateException("Configuration document '" + document + "' is incomplete or corrupt "
                + "(its chunks do not match " + PREFIX + segment + "." + MARKER + ")");
    }

    @Override
    public synchronized void save(String document, String content) {
        Objects.requireNonNull(content, "content");
        String segment = segment(document);
        List<String> chunks = split(content);
        String digest = digest(content);
        writing.set(Boolean.TRUE);
        try {
            for (int i = 0; i < chunks.size(); i++) {
                String name = PREFIX + segment + "." + i;
                if (!chunks.get(i).equals(JiveGlobals.getProperty(name))) {
                    JiveGlobals.setProperty(name, chunks.get(i));
                }
            }
            JiveGlobals.setProperty(PREFIX + segment + "." + MARKER, chunks.size() + ":" + digest);
            deleteChunksFrom(segment, chunks.size());
        } finally {
            writing.remove();
        }
        lastSeen.put(document, digest);
    }

    @Override
    public synchronized void delete(String document) {
        String segment = segment(document);
        writing.set(Boolean.TRUE);
        try {
            JiveGlobals.deleteProperty(PREFIX + segment + "." + MARKER); // readers see the document gone at once
            deleteChunksFrom(segment, 0);
        } finally {
            writing.remove();
        }
        lastSeen.put(document, ABSENT);
    }

    @Override
    public void onExternalChange(Consumer<String> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void close() {
        PropertyEventDispatcher.removeListener(propertyListener);
        listeners.clear();
    }

    private static void pauseBeforeRetry() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes chunks {@code from} and above, highest first, so an interrupted delete never leaves a gap. */
    private static void deleteChunksFrom(String segment, int from) {
        int end = from;
        while (JiveGlobals.getProperty(PREFIX + segment + "." + end) != null) {
            end++;
        }
        for (int i = end - 1; i >= from; i--) {
            JiveGlobals.deleteProperty(PREFIX + segment + "." + i);
        }
    }

    /** The stored document; {@link Stored#NONE} when absent; null when torn or corrupt. */
    private static Stored read(String segment) {
        String marker = JiveGlobals.getProperty(PREFIX + segment + "." + MARKER);
        if (marker == null) {
            return Stored.NONE;
        }
        int colon = marker.indexOf(':');
        int count;
        try {
            count = Integer.parseInt(marker.substring(0, Math.max(colon, 0)));
        } catch (NumberFormatException e) {
            return null;
        }
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String chunk = JiveGlobals.getProperty(PREFIX + segment + "." + i);
            if (chunk == null) {
                return null;
            }
            content.append(chunk);
        }
        String digest = marker.substring(colon + 1);
        return digest.equals(digest(content.toString())) ? new Stored(content.toString(), digest) : null;
    }

    /** Splits at code point boundaries into pieces of at most {@link #MAX_CHUNK_BYTES} UTF-8 bytes. */
    static List<String> split(String content) {
        List<String> chunks = new ArrayList<>();
        int start = 0;
        int bytes = 0;
        int i = 0;
        while (i < content.length()) {
            int cp = content.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > MAX_CHUNK_BYTES) {
                chunks.add(content.substring(start, i));
                start = i;
                bytes = 0;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        if (start < content.length()) {
            chunks.add(content.substring(start));
        }
        return chunks;
    }

    static String digest(String content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String segment(String document) {
        String segment = PropertyNames.escape(document);
        if ((PREFIX + segment + "." + MARKER).length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("Configuration document name too long: " + document);
        }
        return segment;
    }

    /** Maps a property event back to a document and tells the listeners when that document changed. */
    private void propertyChanged(String property) {
        if (property == null || !property.startsWith(PREFIX) || writing.get()) {
            return;
        }
        String rest = property.substring(PREFIX.length());
        int dot = rest.lastIndexOf('.');
        if (dot <= 0) {
            return;
        }
        String suffix = rest.substring(dot + 1);
        String document = PropertyNames.unescape(rest.substring(0, dot));
        if (document == null || !(MARKER.equals(suffix) || suffix.chars().allMatch(Character::isDigit))) {
            return;
        }
        Stored stored = read(rest.substring(0, dot));
        if (stored == null) {
            return; // a write in progress; its last event will find the document complete
        }
        String previous = lastSeen.put(document, stored.digest());
        if (stored.digest().equals(previous == null ? ABSENT : previous)) {
            return; // unchanged for this node (its own save, a duplicate event, or still absent)
        }
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(document);
            } catch (RuntimeException e) {
                LOG.warn("Configuration listener failed for document {}", document, e);
            }
        }
    }

    private record Stored(String content, String digest) {
        static final Stored NONE = new Stored(null, ABSENT);
    }

    private final class Events implements PropertyEventListener {

        @Override
        public void propertySet(String property, Map<String, Object> params) {
            propertyChanged(property);
        }

        @Override
        public void propertyDeleted(String property, Map<String, Object> params) {
            propertyChanged(property);
        }

        @Override
        public void xmlPropertySet(String property, Map<String, Object> params) {
            // documents live in the database only
        }

        @Override
        public void xmlPropertyDeleted(String property, Map<String, Object> params) {
            // documents live in the database only
        }
    }
}
