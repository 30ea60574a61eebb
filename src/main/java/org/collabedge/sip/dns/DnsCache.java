package org.collabedge.sip.dns;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.xbill.DNS.Record;

/**
 * Answers kept for as long as their TTL says (the smallest TTL of the answer's records), so a busy edge does not ask
 * the DNS for every request yet follows a changed SRV set within its TTL. Empty answers are kept for
 * {@link #NEGATIVE_SECONDS}, failed queries {@link #FAILURE_SECONDS}; no answer longer than {@link #MAX_SECONDS}. Bounded: when full, expired entries are dropped, then everything.
 */
final class DnsCache {

    static final long NEGATIVE_SECONDS = 30;
    static final long FAILURE_SECONDS = 5;
    private static final int MAX_ENTRIES = 10_000;
    /** Longest an answer is kept, whatever its TTL: a hostile or broken name server cannot pin an answer for years. */
    static final long MAX_SECONDS = 86_400;

    private record Entry(List<Record> records, long expiresNanos) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    DnsCache(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    Optional<List<Record>> get(String key) {
        Entry e = entries.get(key);
        if (e == null || e.expiresNanos() - nanoTime.getAsLong() <= 0) {
            return Optional.empty();
        }
        return Optional.of(e.records());
    }

    void put(String key, List<Record> records) {
        put(key, records, records.isEmpty() ? NEGATIVE_SECONDS
                : records.stream().mapToLong(Record::getTTL).min().orElse(0));
    }

    /** Remembers that the name server could not be asked, briefly, so requests do not each wait for its time-out. */
    void putFailure(String key) {
        put(key, List.of(), FAILURE_SECONDS);
    }

    private void put(String key, List<Record> records, long ttl) {
        if (ttl <= 0) {
            return;
        }
        ttl = Math.min(ttl, MAX_SECONDS);
        if (entries.size() >= MAX_ENTRIES) {
            long now = nanoTime.getAsLong();
            entries.values().removeIf(e -> e.expiresNanos() - now <= 0);
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key, new Entry(List.copyOf(records), nanoTime.getAsLong() + ttl * 1_000_000_000L));
    }
}
