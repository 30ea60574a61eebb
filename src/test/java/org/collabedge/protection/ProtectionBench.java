package org.collabedge.protection;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.collabedge.core.EdgeCore;
import org.collabedge.host.HostContext;
import org.collabedge.standalone.FileSecretStore;
import org.collabedge.standalone.FileUserDirectory;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.standalone.LoggingPresencePublisher;

/**
 * Benchmark of automated intrusion protection on two edge nodes sharing one state (bench/protection/run.sh runs it).
 * For {@code seconds}, 1,000 bad sign-ins per second from ever new attacker addresses (50 at a time, each failing the
 * default trigger level of 5 times, then trying once more) go through node A or B, while good users sign in from their own addresses through
 * both nodes (gate, then rate control). Reports the time from the threshold-reaching failure to the ban on the node
 * that saw it and on the other node, the good users' success rate, and the cost of one gate check with many bans,
 * against a plain ConcurrentHashMap lookup measured in the same run, and how often the bans were saved.
 */
public final class ProtectionBench {

    private static final int BAD_PER_SECOND = 1000;
    private static final int GOOD_PER_SECOND = 200;
    private static final int ACTIVE_ATTACKERS = 50;
    private static final int THRESHOLD = 5;
    /** Each attacker tries once more after reaching the threshold: that attempt must meet the gate. */
    private static final int ATTEMPTS = THRESHOLD + 1;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path data = Files.createTempDirectory("protection-bench");
        Clock clock = Clock.systemUTC();
        LocalSharedState shared = new LocalSharedState(clock);
        ClusterOfCores.SharedStore store = new ClusterOfCores.SharedStore();
        List<EdgeCore> nodes = new ArrayList<>();
        for (String id : new String[] {"node-a", "node-b"}) {
            EdgeCore core = new EdgeCore(new HostContext(id, "bench", new FileUserDirectory(data), shared,
                    store.forNode(id), new FileSecretStore(data), new LoggingPresencePublisher(), clock), "edge.test");
            core.start();
            nodes.add(core);
        }
        try {
            load(nodes, seconds);
            // The bans are saved by one node's refresh thread, off the request path: how often, and how big.
            Thread.sleep(BanStore.SAVE_INTERVAL.toMillis() + 500);
            System.out.printf("ban list saves during the load: node-a %d, node-b %d; saved list %d bytes "
                            + "(at most %d bans)%n", nodes.get(0).protectionService().banStoreSaves(),
                    nodes.get(1).protectionService().banStoreSaves(),
                    store.forNode("bench").load(BanStore.DOCUMENT).map(String::length).orElse(0),
                    BanStore.MAX_STORED);
            gateCost(nodes.get(0).protection().gate());
            steadyCost(nodes.get(1).protectionService());
        } finally {
            nodes.forEach(EdgeCore::stop);
        }
    }

    private static void load(List<EdgeCore> nodes, int seconds) throws Exception {
        Map<InetAddress, Long> thresholdAt = new ConcurrentHashMap<>();
        long[] localLatency = new long[BAD_PER_SECOND * seconds];
        long[] remoteLatency = new long[BAD_PER_SECOND * seconds];
        AtomicLong localCount = new AtomicLong();
        AtomicLong remoteCount = new AtomicLong();
        Protection[] p = {nodes.get(0).protection(), nodes.get(1).protection()};
        // Each node's onBan says when it applied the ban: at once on the node that counted the threshold-reaching
        // failure (its counting thread), at its next refresh on the other.
        for (int n = 0; n < 2; n++) {
            int node = n;
            p[n].gate().onBan(address -> {
                Long t = thresholdAt.get(address);
                if (t == null) {
                    return;
                }
                long latency = System.nanoTime() - t;
                if ((address.getAddress()[3] & 1) == node) { // the attacker's traffic went to this node
                    localLatency[(int) localCount.getAndIncrement()] = latency;
                } else {
                    remoteLatency[(int) remoteCount.getAndIncrement()] = latency;
                }
            });
        }
        long goodAttempts = 0;
        long goodAdmitted = 0;
        long badAttempts = 0;
        long badRefusedAtGate = 0;
        long start = System.nanoTime();
        long badSent = 0;
        long[] failureCalls = new long[BAD_PER_SECOND * seconds + 1000];
        long[] authorizeCalls = new long[BAD_PER_SECOND * seconds + 1000];
        long failureCount = 0;
        long authorizeCount = 0;
        long goodSent = 0;
        int attackerWave = 0;
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            while (badSent < elapsed * BAD_PER_SECOND) {
                // Attempt i: attacker (i % 50) of wave i / 300; each attacker tries 6 times, then a new one comes.
                long i = badSent++;
                attackerWave = (int) (i / (ACTIVE_ATTACKERS * ATTEMPTS));
                int attacker = attackerWave * ACTIVE_ATTACKERS + (int) (i % ACTIVE_ATTACKERS);
                InetAddress source = attacker(attacker);
                Protection node = p[(attacker & 1)]; // an attacker sticks to one node, as a TLS connection does
                badAttempts++;
                if (!node.gate().admits(source)) {
                    badRefusedAtGate++;
                    continue;
                }
                long a0 = System.nanoTime();
                node.rateControl().authorize("no-such-user-" + attacker);
                authorizeCalls[(int) authorizeCount++] = System.nanoTime() - a0;
                boolean last = i % (ACTIVE_ATTACKERS * ATTEMPTS) / ACTIVE_ATTACKERS == THRESHOLD - 1;
                long t0 = System.nanoTime();
                if (last) {
                    thresholdAt.put(source, t0);
                }
                node.events().failure(FailureCategory.HTTP_PROXY_AUTHORIZATION, source, "no-such-user-" + attacker);
                failureCalls[(int) failureCount++] = System.nanoTime() - t0;
            }
            while (goodSent < elapsed * GOOD_PER_SECOND) {
                long i = goodSent++;
                Protection node = p[(int) (i & 1)];
                goodAttempts++;
                if (node.gate().admits(good(i)) && node.rateControl().authorize("user" + i % 5000).allowed()) {
                    goodAdmitted++;
                }
            }
            Thread.onSpinWait();
        }
        nodes.forEach(n -> n.protectionService().flush());
        Thread.sleep(500); // let the last refreshes land
        System.out.printf("load: %d s, bad sign-ins %d (%.0f/s), refused at the gate after their ban %d, "
                        + "attackers banned %d%n", seconds, badAttempts, badAttempts / (double) seconds,
                badRefusedAtGate, nodes.get(0).protectionService().metrics().bans(FailureCategory.HTTP_PROXY_AUTHORIZATION)
                        + nodes.get(1).protectionService().metrics().bans(FailureCategory.HTTP_PROXY_AUTHORIZATION));
        System.out.printf("on the caller: SecurityEvents.failure %s%n", percentiles(failureCalls, failureCount));
        System.out.printf("on the caller: AuthorizationRateControl.authorize %s%n",
                percentiles(authorizeCalls, authorizeCount));
        System.out.printf("threshold -> ban on the same node:  %s%n", percentiles(localLatency, localCount.get()));
        System.out.printf("threshold -> ban on the other node: %s%n", percentiles(remoteLatency, remoteCount.get()));
        System.out.printf("good sign-ins: %d of %d succeeded (%.3f %%)%n", goodAdmitted, goodAttempts,
                100.0 * goodAdmitted / goodAttempts);
    }

    private static void gateCost(AccessGate gate) throws UnknownHostException {
        int bans = ((BanList) gate).size(); // every attacker of the load run, 10.0.0.0 upwards
        InetAddress[] probe = new InetAddress[4096];
        Map<InetAddress, Boolean> baseline = new ConcurrentHashMap<>();
        for (int i = 0; i < bans; i++) {
            baseline.put(attacker(i), Boolean.TRUE);
        }
        for (int i = 0; i < probe.length; i++) {
            probe[i] = i % 2 == 0 ? attacker(ThreadLocalRandom.current().nextInt(bans)) : good(i);
        }
        long sink = 0;
        double gateNs = 0;
        double mapNs = 0;
        for (int round = 0; round < 5; round++) { // the first rounds warm the JIT; the last one counts
            int n = 20_000_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += gate.admits(probe[i & 4095]) ? 1 : 0;
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += baseline.containsKey(probe[i & 4095]) ? 0 : 1;
            }
            long t2 = System.nanoTime();
            gateNs = (t1 - t0) / (double) n;
            mapNs = (t2 - t1) / (double) n;
        }
        System.out.printf("gate check with %d bans (half the checks hit a ban): %.1f ns per check; "
                + "ConcurrentHashMap.containsKey in the same run: %.1f ns (ratio %.2f) [%d]%n",
                bans, gateNs, mapNs, gateNs / mapNs, sink % 7);
    }

    /** The reporting calls in a warm loop, alone: what they cost once the JIT has compiled them. */
    private static void steadyCost(ProtectionService service) {
        Protection p = service.protection();
        int n = 200_000;
        double failureUs = 0;
        double authorizeUs = 0;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) { // two failures per address: counted, never reaching the threshold
                p.events().failure(FailureCategory.HTTP_PROXY_PROTOCOL, scanner(round * n / 2 + i / 2), null);
                if (i % 5_000 == 4_999) {
                    service.flush(); // stay within the queue's capacity: this measures counting, not dropping
                }
            }
            service.flush();
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                p.rateControl().authorize("steady-" + round + "-" + i);
            }
            long t2 = System.nanoTime();
            failureUs = (t1 - t0) / 1e3 / n;
            authorizeUs = (t2 - t1) / 1e3 / n;
        }
        System.out.printf("warm loop: SecurityEvents.failure counted %.2f us per call, AuthorizationRateControl.authorize "
                + "%.2f us per call%n", failureUs, authorizeUs);
    }

    /** Attacker k: 10.x.y.z; the last octet's low bit (k's) is the node its traffic goes to. */
    private static InetAddress attacker(int k) {
        try {
            return InetAddress.getByAddress(new byte[] {10, (byte) (k >> 16), (byte) (k >> 8), (byte) k});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Addresses 100.64.0.0 upwards, one per 2 failures of the warm loop. */
    private static InetAddress scanner(long i) {
        try {
            return InetAddress.getByAddress(new byte[] {100, (byte) (64 + (i >> 16)), (byte) (i >> 8), (byte) i});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress good(long i) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 172, 16, (byte) (i >> 8), (byte) i});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String percentiles(long[] values, long count) {
        if (count == 0) {
            return "no samples";
        }
        long[] v = Arrays.copyOf(values, (int) count);
        Arrays.sort(v);
        return String.format("n=%d p50 %.4f ms, p99 %.3f ms, max %.3f ms", count, v[(int) (count * 0.5)] / 1e6,
                v[(int) Math.min(count - 1, count * 0.99)] / 1e6, v[(int) count - 1] / 1e6);
    }
}
