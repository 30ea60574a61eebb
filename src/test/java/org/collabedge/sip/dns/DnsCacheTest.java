package org.collabedge.sip.dns;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;

/** A name server's TTL decides how long an answer is kept, but never beyond a day. */
class DnsCacheTest {

    private final AtomicLong now = new AtomicLong();
    private final DnsCache cache = new DnsCache(now::get);

    private static ARecord a(long ttl) throws Exception {
        return new ARecord(Name.fromString("cc.test."), DClass.IN, ttl, InetAddress.getByName("192.0.2.1"));
    }

    @Test
    void answerIsKeptForItsTtl() throws Exception {
        cache.put("A cc.test", List.of(a(300)));
        now.set(299_000_000_000L);
        assertTrue(cache.get("A cc.test").isPresent());
        now.set(301_000_000_000L);
        assertFalse(cache.get("A cc.test").isPresent());
    }

    @Test
    void hostileLongTtlIsCappedAtADay() throws Exception {
        cache.put("A cc.test", List.of(a(0x7FFF_FFFFL)));
        assertTrue(cache.get("A cc.test").isPresent());
        now.set((DnsCache.MAX_SECONDS + 1) * 1_000_000_000L);
        assertFalse(cache.get("A cc.test").isPresent(), "an answer must not outlive the cap");
    }
}
