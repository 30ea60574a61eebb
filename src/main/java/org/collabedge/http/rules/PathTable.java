package org.collabedge.http.rules;

import java.util.Map;

/**
 * An immutable open-addressing table from path strings to values that can be asked about a <em>prefix</em> of a
 * path without cutting it out: the caller passes the prefix's length and its {@link String#hashCode()}, which it
 * computes incrementally while scanning the path once. So a request's path is looked up segment by segment with no
 * allocation at all.
 */
final class PathTable<V> {

    private final String[] keys;
    private final int[] hashes;
    private final Object[] values;
    private final int mask;

    PathTable(Map<String, V> entries) {
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2 + 1) - 1) << 1; // load factor <= 0.5
        keys = new String[capacity];
        hashes = new int[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        for (Map.Entry<String, V> e : entries.entrySet()) {
            int h = e.getKey().hashCode();
            int i = spread(h) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = e.getKey();
            hashes[i] = h;
            values[i] = e.getValue();
        }
    }

    /** The value for {@code path.substring(0, length)}, whose String hash code is {@code hash}; null if none. */
    @SuppressWarnings("unchecked")
    V get(String path, int length, int hash) {
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null) {
                return null;
            }
            if (hashes[i] == hash && k.length() == length && path.regionMatches(0, k, 0, length)) {
                return (V) values[i];
            }
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
