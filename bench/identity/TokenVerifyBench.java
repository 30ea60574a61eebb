import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.collabedge.auth.IdentitySettings;
import org.collabedge.auth.IssuedTokens;
import org.collabedge.auth.OpaqueTokens;
import org.collabedge.auth.TokenService;
import org.collabedge.auth.TokenSource;
import org.collabedge.auth.TokenUse;
import org.collabedge.auth.TokenVerifier;
import org.collabedge.standalone.LocalSharedState;

/**
 * Token verifications per second through TokenService.verify, as the SIP edge and HTTP proxy call it: many holders,
 * every thread verifying a different token each call. Runs three variants in the same JVM and run:
 * the real service with its 1 s local cache, the service with no local cache (every call reads the shared map), and a
 * same-run floor (SHA-256 of the token plus one HashMap look-up, the least any hashed-token design must do).
 * The machine is shared: besides wall-clock rates it prints verifications per CPU-second of the worker threads and
 * that rate times the core count (what the cores would do if the benchmark had them to itself); the verdict and the
 * ratios use the latter.
 *
 * Usage: java -cp ... [-Drounds=3] TokenVerifyBench.java [threads] [seconds per variant and round] [holders]
 */
public final class TokenVerifyBench {

    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final int ROUNDS = Integer.getInteger("rounds", 3);

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int holders = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;

        List<String> tokens = new ArrayList<>();
        TokenService cached = service(Duration.ofSeconds(1));
        LocalSharedState sharedForUncached = new LocalSharedState(Clock.systemUTC());
        TokenService uncached = new TokenService(sharedForUncached, IdentitySettings::defaults, Clock.systemUTC(),
                Duration.ZERO);
        Map<String, String> floorMap = new HashMap<>();
        for (int i = 0; i < holders; i++) {
            IssuedTokens t = cached.issue("user" + i, TokenSource.PASSWORD);
            tokens.add(t.accessToken());
            floorMap.put(OpaqueTokens.hash(t.accessToken()), "user" + i);
        }
        List<String> uncachedTokens = new ArrayList<>();
        for (int i = 0; i < holders; i++) {
            uncachedTokens.add(uncached.issue("user" + i, TokenSource.PASSWORD).accessToken());
        }
        String[] a = tokens.toArray(String[]::new);
        String[] b = uncachedTokens.toArray(String[]::new);
        TokenVerifier floor = (token, use) -> {
            String user = floorMap.get(OpaqueTokens.hash(token));
            return user == null ? java.util.Optional.empty()
                    : java.util.Optional.of(new org.collabedge.auth.VerifiedToken(user, java.time.Instant.MAX,
                    TokenSource.PASSWORD));
        };

        System.out.printf("threads=%d seconds=%d holders=%d cpus=%d java=%s%n", threads, seconds, holders,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        run("warm-up", cached, a, threads, 3);
        run("warm-up", uncached, b, threads, 2);
        run("warm-up", floor, a, threads, 2);
        double service = 0;
        double noCache = 0;
        double base = 0;
        for (int round = 1; round <= ROUNDS; round++) { // best of the rounds: the machine is shared and noisy
            System.out.printf("round %d of %d%n", round, ROUNDS);
            service = Math.max(service, run("TokenService.verify (1 s local cache)", cached, a, threads, seconds));
            noCache = Math.max(noCache, run("TokenService.verify (no local cache)", uncached, b, threads, seconds));
            base = Math.max(base, run("floor: SHA-256, base64, HashMap.get", floor, a, threads, seconds));
        }
        System.out.printf("best on %d idle cores: service %,.0f/s, no local cache %,.0f/s, floor %,.0f/s%n",
                CORES, service, noCache, base);
        System.out.printf("ratio service/floor = %.2f, no-cache/floor = %.2f%n", service / base, noCache / base);
        System.out.printf("target 1,000,000/s: %s%n", service >= 1_000_000 ? "met" : "NOT met");
    }

    private static TokenService service(Duration cacheTtl) {
        return new TokenService(new LocalSharedState(Clock.systemUTC()), IdentitySettings::defaults,
                Clock.systemUTC(), cacheTtl);
    }

    private static double run(String name, TokenVerifier verifier, String[] tokens, int threads, int seconds)
            throws InterruptedException {
        LongAdder done = new LongAdder();
        LongAdder cpuNanos = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * 7919;
            Thread w = new Thread(() -> {
                long cpu0 = CPU.getCurrentThreadCpuTime();
                ready.countDown();
                long n = 0;
                long bad = 0;
                int i = offset;
                while (!stop.get()) {
                    for (int k = 0; k < 1024; k++) { // check the flag every 1024 calls only
                        if (verifier.verify(tokens[i++ % tokens.length], TokenUse.SIP).isEmpty()) {
                            bad++;
                        }
                    }
                    n += 1024;
                }
                done.add(n);
                failed.add(bad);
                cpuNanos.add(CPU.getCurrentThreadCpuTime() - cpu0);
            });
            workers.add(w);
            w.start();
        }
        ready.await();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double perSecond = done.sum() / elapsed;
        double perCpuSecond = done.sum() / (cpuNanos.sum() / 1e9);
        System.out.printf("%-40s %,12.0f /s wall  %,12.0f /CPU-s  %,12.0f /s on %d idle cores  (%d refused)%n",
                name, perSecond, perCpuSecond, perCpuSecond * CORES, CORES, failed.sum());
        if (failed.sum() != 0) {
            throw new IllegalStateException(name + ": genuine tokens were refused");
        }
        return perCpuSecond * CORES;
    }
}
