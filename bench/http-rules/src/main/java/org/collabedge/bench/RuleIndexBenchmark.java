package org.collabedge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.collabedge.http.ProxyTarget;
import org.collabedge.http.rules.AllowRule;
import org.collabedge.http.rules.MatchType;
import org.collabedge.http.rules.RuleDecision;
import org.collabedge.http.rules.RuleIndex;
import org.collabedge.http.rules.RuleOrigin;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One allow-list decision at 100, 1,000 and 10,000 rules. "spread": rules over many hosts (a real deployment);
 * "onehost": every rule on one host and port (the worst case for the per-host path lookup). The requests mix
 * allowed deep paths, wrong methods and misses, and cycle so branch prediction cannot learn one answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RuleIndexBenchmark {

    @Param({"100", "1000", "10000"})
    int rules;

    @Param({"spread", "onehost"})
    String layout;

    /** The same rules as a plain list, scanned from start to end: what an index avoids. */
    private record Flat(String host, int port, String path, boolean prefix, String id) {
    }

    private RuleIndex index;
    private Flat[] flat;
    private java.util.Map<String, String> reference;
    private ProxyTarget[] targets;
    private String[] methods;
    private int next;

    @Setup
    public void build() {
        Random random = new Random(42);
        List<AllowRule> list = new ArrayList<>(rules);
        List<ProxyTarget> asked = new ArrayList<>();
        List<String> verbs = new ArrayList<>();
        int hosts = layout.equals("spread") ? Math.max(1, rules / 10) : 1;
        for (int i = 0; i < rules; i++) {
            String host = "srv" + (i % hosts) + ".example.com";
            String path = "/svc" + i + "/api/v" + (i % 3);
            MatchType type = i % 2 == 0 ? MatchType.PREFIX : MatchType.EXACT;
            list.add(new AllowRule("r" + i, "https://" + host + ":8443" + path, i % 4 == 0, List.of("GET", "POST"),
                    type, "default", "", true, RuleOrigin.MANUAL));
            String asks = type == MatchType.PREFIX ? path + "/users/jdoe/photo" : path;
            asked.add(new ProxyTarget("default", "https", host, 8443, asks, null));
            verbs.add(random.nextInt(4) == 0 ? "DELETE" : "GET");
            asked.add(new ProxyTarget("default", "https", host, 8443, "/missing/" + i + "/a/b", null));
            verbs.add("GET");
        }
        index = RuleIndex.build(list, List.of("GET"));
        flat = list.stream().map(r -> {
            String rest = r.url().substring("https://".length());
            int slash = rest.indexOf('/');
            String authority = rest.substring(0, slash);
            return new Flat(authority.substring(0, authority.indexOf(':')), 8443, rest.substring(slash),
                    r.matchType() == MatchType.PREFIX, r.id());
        }).toArray(Flat[]::new);
        reference = new java.util.HashMap<>();
        asked.forEach(t -> reference.put(t.path(), t.host()));
        // a fixed, shuffled sample so every size asks the same number of distinct questions
        java.util.Collections.shuffle(asked, random);
        int n = Math.min(asked.size(), 1024);
        targets = asked.subList(0, n).toArray(ProxyTarget[]::new);
        methods = verbs.subList(0, n).toArray(String[]::new);
    }

    /** Same-run reference for a noisy machine: one HashMap lookup of the request's path. */
    @Benchmark
    public String hashMapReference() {
        int i = (next++ & 1023) % targets.length;
        return reference.get(targets[i].path());
    }

    /** What the index replaces: a scan over every rule. */
    @Benchmark
    public String linearScan() {
        int i = (next++ & 1023) % targets.length;
        ProxyTarget t = targets[i];
        for (Flat f : flat) {
            if (f.port == t.port() && f.host.equals(t.host()) && (f.prefix
                    ? t.path().equals(f.path) || t.path().startsWith(f.path + "/") : t.path().equals(f.path))) {
                return f.id;
            }
        }
        return null;
    }

    @Benchmark
    public RuleDecision decide() {
        int i = next++ & 1023;
        i = i % targets.length;
        return index.decide(targets[i], methods[i]);
    }
}
