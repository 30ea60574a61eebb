package org.collabedge.http.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.collabedge.config.ValidationException;
import org.collabedge.http.ProxyTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable snapshot of every rule, indexed for the request path: one hash lookup for deployment, scheme, host and
 * port, then at most one hash lookup per path segment, so the cost does not grow with the number of rules.
 *
 * <p>Path semantics. An <b>exact</b> rule matches its path and nothing else (no path means "/"). A <b>prefix</b>
 * rule whose path ends with "/" (or has no path) matches every path that starts with it. A prefix rule whose path
 * does not end with "/" matches that path and everything below it ({@code /foo} matches {@code /foo} and
 * {@code /foo/bar}) but not a sibling that merely starts with the same letters ({@code /foobar}): the seed's plain
 * string prefix would expose {@code /admin-console} through a rule meant for {@code /admin}.
 *
 * <p>When several rules match, the longest path is asked first; the first that allows the method decides.
 */
public final class RuleIndex {

    private static final Logger LOG = LoggerFactory.getLogger(RuleIndex.class);
    static final RuleDecision NO_RULE = new RuleDecision(false, null, "http.block.no_rule", true);
    private static final Entry[] NONE = new Entry[0];
    /** One rule as the matcher sees it, with its two possible answers made in advance. */
    private record Entry(int methods, RuleDecision allow, RuleDecision wrongMethod) {
    }

    /** Hash and equality written out: the request path builds one of these per request. */
    private record HostKey(String deploymentId, String scheme, String host, int port) {
        @Override
        public int hashCode() {
            return ((deploymentId.hashCode() * 31 + scheme.hashCode()) * 31 + host.hashCode()) * 31 + port;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HostKey k && port == k.port && host.equals(k.host) && scheme.equals(k.scheme)
                    && deploymentId.equals(k.deploymentId);
        }
    }

    /** The rules of one deployment, scheme, host and port, as built. */
    private static final class HostBuilder {
        final Map<String, Entry[]> exact = new HashMap<>();
        /** Keys end with "/"; an entry matches every path starting with its key. */
        final Map<String, Entry[]> under = new HashMap<>();
    }

    /** The rules of one deployment, scheme, host and port, as asked. */
    private record HostRules(PathTable<Entry[]> exact, PathTable<Entry[]> under, boolean anyUnder) {
    }

    private final Map<HostKey, HostRules> hosts;
    private final int size;

    private RuleIndex(Map<HostKey, HostRules> hosts, int size) {
        this.hosts = hosts;
        this.size = size;
    }

    public static RuleIndex empty() {
        return new RuleIndex(Map.of(), 0);
    }

    /** Indexes the rules, resolving "use defaults" with {@code defaultMethods}; unreadable URLs are skipped. */
    public static RuleIndex build(List<AllowRule> rules, List<String> defaultMethods) {
        Map<HostKey, HostBuilder> hosts = new HashMap<>();
        int defaults = HttpMethods.mask(defaultMethods);
        int size = 0;
        for (AllowRule rule : rules) {
            RuleUrl url;
            try {
                url = rule.parsedUrl();
            } catch (ValidationException e) {
                LOG.warn("HTTP allow-list rule {} is skipped: {}", rule.id(), e.getMessage());
                continue;
            }
            int methods = rule.useDefaultMethods() ? defaults : HttpMethods.mask(rule.methods());
            Entry entry = new Entry(methods,
                    new RuleDecision(true, rule.id(), null, rule.authenticationRequired()),
                    new RuleDecision(false, rule.id(), "http.block.method", rule.authenticationRequired()));
            HostBuilder h = hosts.computeIfAbsent(new HostKey(rule.deploymentId(), url.scheme(), url.host(),
                    url.port()), k -> new HostBuilder());
            String path = url.path();
            if (rule.matchType() == MatchType.EXACT) {
                add(h.exact, path, entry);
            } else if (path.endsWith("/")) {
                add(h.under, path, entry);
            } else {
                add(h.exact, path, entry);
                add(h.under, path + "/", entry);
            }
            size++;
        }
        Map<HostKey, HostRules> built = new HashMap<>();
        hosts.forEach((k, b) -> built.put(k, new HostRules(new PathTable<>(b.exact), new PathTable<>(b.under),
                !b.under.isEmpty())));
        return new RuleIndex(Map.copyOf(built), size);
    }

    private static void add(Map<String, Entry[]> map, String key, Entry entry) {
        Entry[] old = map.getOrDefault(key, NONE);
        Entry[] grown = java.util.Arrays.copyOf(old, old.length + 1);
        grown[old.length] = entry;
        map.put(key, grown);
    }

    /** Number of rules indexed. */
    public int size() {
        return size;
    }

    private static RuleDecision allows(Entry[] entries, int bit) {
        for (Entry e : entries) {
            if ((e.methods & bit) != 0) {
                return e.allow;
            }
        }
        return null;
    }

    /** Decides one request; allocation-light and lock-free. */
    public RuleDecision decide(ProxyTarget target, String method) {
        if (target.deploymentId() == null || target.scheme() == null || target.host() == null
                || target.path() == null || method == null) {
            return NO_RULE; // nothing incomplete passes
        }
        HostRules h = hosts.get(new HostKey(target.deploymentId(), target.scheme(),
                RuleUrl.canonicalHost(target.host()), target.port()));
        if (h == null) {
            return NO_RULE;
        }
        int bit = HttpMethods.bit(method);
        String path = target.path();
        int length = path.length();
        RuleDecision refused = null;
        Entry[] found = h.exact.get(path, length, path.hashCode());
        if (found != null) {
            RuleDecision a = allows(found, bit);
            if (a != null) {
                return a;
            }
            refused = found[0].wrongMethod;
        }
        if (h.anyUnder) {
            // One forward pass computes String.hashCode of every prefix ending in '/' and asks for it; a longer
            // match replaces a shorter one, so the longest match that allows the method wins.
            RuleDecision allowed = null;
            RuleDecision wrong = null;
            int hash = 0;
            for (int i = 0; i < length; i++) {
                char c = path.charAt(i);
                hash = 31 * hash + c;
                if (c == '/') {
                    found = h.under.get(path, i + 1, hash);
                    if (found != null) {
                        RuleDecision a = allows(found, bit);
                        if (a != null) {
                            allowed = a;
                        } else {
                            wrong = found[0].wrongMethod;
                        }
                    }
                }
            }
            if (allowed != null) {
                return allowed;
            }
            if (refused == null) {
                refused = wrong;
            }
        }
        return refused != null ? refused : NO_RULE;
    }
}
