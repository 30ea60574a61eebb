package org.collabedge.sso;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.collabedge.host.UserDirectory;
import org.collabedge.standalone.LocalSharedState;

/**
 * Benchmark (bench/sso/run.sh): SAML responses validated per second, on 1 and on N threads. Each response is a
 * fresh, correct one (signed response + signed assertion, RSA-3072/SHA-256, as Keycloak and AD FS in
 * "MessageAndAssertion" send), so every run does the full work: parse, ID check, two signature verifications,
 * all condition checks, consuming its request and recording its assertion ID. Not a unit test.
 *
 * <p>Arguments: [responses per round, default 3000] [threads, default available processors] [encrypted: true|false]
 * [SP key: rsa-2048|rsa-3072, default rsa-3072]
 */
public final class SsoValidationBench {

    private SsoValidationBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        boolean encrypted = args.length > 2 && Boolean.parseBoolean(args[2]);
        SpKeyType keyType = args.length > 3 ? SpKeyType.parse(args[3]).orElseThrow() : SpKeyType.DEFAULT;
        TestIdp idp = new TestIdp();
        SpCredentials sp = SpCredentials.generate(Clock.systemUTC(), keyType);
        System.out.printf("SAML response validation: %d responses per round, encrypted=%s, SP key %s, %d cores%n",
                count, encrypted, keyType.key(), Runtime.getRuntime().availableProcessors());
        if (encrypted) {
            unwrapCost(sp);
        }
        round(idp, sp, Math.min(count, 1500), 1, encrypted, "warm-up");
        round(idp, sp, count, 1, encrypted, "1 thread");
        round(idp, sp, count, threads, encrypted, threads + " threads");
    }

    private static void round(TestIdp idp, SpCredentials sp, int count, int threads, boolean encrypted,
                              String label) throws Exception {
        LocalSharedState shared = new LocalSharedState(Clock.systemUTC());
        OutstandingRequests outstanding = new OutstandingRequests(shared);
        UserDirectory users = new UserDirectory() {
            @Override
            public boolean authenticate(String u, char[] p) {
                return false;
            }

            @Override
            public Optional<DirectoryUser> lookup(String u) {
                return Optional.of(new DirectoryUser(u, u, null));
            }
        };
        ResponseValidator validator = new ResponseValidator(OpenSaml.start(), outstanding, new ReplayCache(shared),
                users, Clock.systemUTC());
        IdpMetadata meta = new IdpMetadataParser(OpenSaml.start()).parse(idp.metadata());
        String acs = "https://edge.example.test:8443/edge/sso/acs";
        String entity = "https://edge.example.test:8443/edge/sso/metadata";
        var expect = new ResponseValidator.Expectations(acs, SsoSettings.defaults(),
                id -> Optional.of(meta), sp);
        List<String> responses = prepare(idp, sp, count, outstanding, acs, entity, encrypted);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong cpuNanos = new java.util.concurrent.atomic.AtomicLong();
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                long cpu0 = mx.getCurrentThreadCpuTime();
                for (int i; (i = next.getAndIncrement()) < responses.size(); ) {
                    try {
                        validator.validate(responses.get(i), expect);
                    } catch (SsoRefused e) {
                        failed.incrementAndGet();
                    }
                }
                cpuNanos.addAndGet(mx.getCurrentThreadCpuTime() - cpu0);
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        // On a shared machine wall time includes waiting for a CPU; CPU time gives the per-core figure.
        System.out.printf("%-10s %6d validated in %6.2f s wall = %6.0f /s; %6.2f CPU-s = %6.0f /s per core;"
                + " refused %d%n", label, count, seconds, count / seconds, cpuNanos.get() / 1e9,
                count / (cpuNanos.get() / 1e9), failed.get());
    }

    /**
     * Where the encrypted case's extra time goes: one RSA-OAEP unwrap of a 256-bit content key with the SP's private
     * key, as the decrypter does once per assertion, timed alone (CPU time of this thread).
     */
    private static void unwrapCost(SpCredentials sp) throws Exception {
        javax.crypto.Cipher wrap = javax.crypto.Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        wrap.init(javax.crypto.Cipher.ENCRYPT_MODE, sp.certificate().getPublicKey());
        byte[] wrapped = wrap.doFinal(new byte[32]);
        javax.crypto.Cipher unwrap = javax.crypto.Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        int n = 400;
        for (int round = 0; round < 2; round++) { // the first round warms up
            long cpu0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                unwrap.init(javax.crypto.Cipher.DECRYPT_MODE, sp.key());
                unwrap.doFinal(wrapped);
            }
            double micros = (mx.getCurrentThreadCpuTime() - cpu0) / 1e3 / n;
            if (round == 1) {
                System.out.printf("RSA-OAEP unwrap alone (%s, provider %s): %.0f us CPU each = %.0f /s per core%n",
                        sp.keyType().key(), unwrap.getProvider().getName(), micros, 1e6 / micros);
            }
        }
    }

    private static List<String> prepare(TestIdp idp, SpCredentials sp, int count, OutstandingRequests outstanding,
                                        String acs, String entity, boolean encrypted) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = AuthnRequestEncoder.newId();
            outstanding.remember(id, new OutstandingRequests.Pending(TestIdp.ENTITY_ID, entity, "r", null));
            futures.add(pool.submit(() -> {
                TestIdp.Spec s = new TestIdp.Spec(acs, entity, id);
                if (encrypted) {
                    s.encryptTo = sp;
                }
                return idp.encoded(s);
            }));
        }
        List<String> out = new ArrayList<>();
        for (Future<String> f : futures) {
            out.add(f.get());
        }
        pool.shutdown();
        return out;
    }
}
