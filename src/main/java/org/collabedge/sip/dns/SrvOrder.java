package org.collabedge.sip.dns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

import org.xbill.DNS.SRVRecord;

/**
 * The order in which SRV targets are tried (RFC 2782): lowest priority first; within one priority a weighted random
 * draw, repeated without the drawn record until none are left, so a target of weight 3 comes first three times as
 * often as one of weight 1. Weight-0 records come first in the running sum, which leaves them a small chance.
 */
public final class SrvOrder {

    private SrvOrder() {
    }

    public static List<SRVRecord> order(List<SRVRecord> records, RandomGenerator random) {
        Map<Integer, List<SRVRecord>> byPriority = new TreeMap<>();
        for (SRVRecord r : records) {
            if (r.getTarget().equals(org.xbill.DNS.Name.root)) {
                continue; // "." : the service is decidedly not available at this domain
            }
            byPriority.computeIfAbsent(r.getPriority(), p -> new ArrayList<>()).add(r);
        }
        List<SRVRecord> out = new ArrayList<>();
        for (List<SRVRecord> group : byPriority.values()) {
            List<SRVRecord> left = new ArrayList<>(group);
            left.sort(Comparator.comparingInt(SRVRecord::getWeight)); // zero weights first, as the RFC asks
            while (!left.isEmpty()) {
                out.add(left.remove(draw(left, random)));
            }
        }
        return out;
    }

    private static int draw(List<SRVRecord> left, RandomGenerator random) {
        long total = 0;
        for (SRVRecord r : left) {
            total += r.getWeight();
        }
        long pick = total == 0 ? 0 : random.nextLong(total + 1);
        long running = 0;
        for (int i = 0; i < left.size(); i++) {
            running += left.get(i).getWeight();
            if (running >= pick) {
                return i;
            }
        }
        return left.size() - 1;
    }
}
