package org.collabedge.http.rules;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.collabedge.config.ConfigListener;
import org.collabedge.config.ConfigService;
import org.collabedge.config.DocumentCodec;
import org.collabedge.config.DocumentListener;
import org.collabedge.config.ExternalChanges;
import org.collabedge.config.FieldError;
import org.collabedge.config.RestartNotices;
import org.collabedge.config.SharedDocument;
import org.collabedge.config.ValidationException;
import org.collabedge.host.ConfigStore;
import org.collabedge.host.SharedMap;
import org.collabedge.host.SharedState;
import org.collabedge.http.ProxyTarget;
import org.collabedge.metrics.EdgeMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP allow list: keeps the editable rules in their own shared document, derives the automatic rules from the
 * internal servers, and answers the proxy from an immutable {@link RuleIndex} that is rebuilt on every change and
 * swapped in with one volatile write, so the request path takes no lock.
 */
public final class AllowListService implements AllowList {

    private static final Logger LOG = LoggerFactory.getLogger(AllowListService.class);
    static final long FLUSH_SECONDS = 5;
    static final java.time.Duration TEST_FILE_KEPT = java.time.Duration.ofDays(1);

    private final SharedDocument<HttpRules> document;
    private final ConfigService config;
    private final RuleCounters counters;
    private final BlockedLog blockedLog;
    private final SharedMap<String> testFiles;
    private final AllowListMetrics metrics;
    private final DocumentListener<HttpRules> rulesListener = (before, after) -> rebuild();
    private final ConfigListener serversListener = (before, after) -> {
        if (!before.deployments().equals(after.deployments())) {
            adoptOrphans(after);
        }
        return before.servers().equals(after.servers()) && before.deployments().equals(after.deployments()) ? null
                : rebuild();
    };
    private volatile RuleIndex index = RuleIndex.empty();
    private AutoCloseable subscription;
    private ScheduledExecutorService flusher;
    private volatile Thread flusherThread;

    public AllowListService(ConfigStore store, SharedState shared, RestartNotices notices, ConfigService config,
                            String nodeId, Clock clock, EdgeMetrics edgeMetrics) {
        this.document = new SharedDocument<>(HttpRules.DOCUMENT, new DocumentCodec<>(HttpRules.class, 1),
                HttpRules::initial, store, shared, notices);
        this.config = config;
        this.counters = new RuleCounters(shared.counters("http-rules"));
        this.blockedLog = new BlockedLog(shared.map("http-blocked"), nodeId, clock);
        this.testFiles = shared.map("http-rule-tests");
        this.metrics = new AllowListMetrics(edgeMetrics, document::current, () -> automaticRules().size());
    }

    /** Loads the rules, follows changes here and elsewhere, and starts publishing counters every few seconds. */
    public synchronized void start(ExternalChanges changes) {
        document.load();
        document.addListener(rulesListener);
        config.addListener(serversListener);
        subscription = changes.subscribe(document);
        rebuild();
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "collabedge-http-rules-counters");
            t.setDaemon(true);
            flusherThread = t;
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_SECONDS, FLUSH_SECONDS, TimeUnit.SECONDS);
    }

    public synchronized void stop() {
        document.removeListener(rulesListener);
        config.removeListener(serversListener);
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("unsubscribing the HTTP rules document", e);
            }
        }
        if (flusher != null) {
            flusher.shutdownNow();
            try {
                // Waited for, so no publishing thread outlives the plugin and the last flush below runs alone.
                Thread t = flusherThread;
                if (!flusher.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("The HTTP allow-list counter thread did not stop within 5 s");
                } else if (t != null) {
                    t.join(1_000); // a terminated pool's worker may still be unwinding
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            flusher = null;
            flusherThread = null;
        }
        flush();
    }

    /** Publishes local counters and the blocked log; never throws (it runs on a timer). */
    public void flush() {
        try {
            counters.flush();
            blockedLog.publish();
        } catch (RuntimeException e) {
            LOG.warn("Could not publish the HTTP allow-list counters", e);
        }
    }

    private synchronized String rebuild() {
        HttpRules r = document.current();
        List<AllowRule> all = new ArrayList<>(r.rules());
        all.addAll(AutomaticRules.of(config.current()));
        index = RuleIndex.build(all, r.defaultMethods());
        return null;
    }

    /** Rules of a deleted deployment move to the default one, as its domains and servers do. */
    private void adoptOrphans(org.collabedge.config.EdgeConfig config) {
        java.util.function.Predicate<AllowRule> orphan = r -> config.deployment(r.deploymentId()).isEmpty();
        if (document.current().rules().stream().anyMatch(orphan)) {
            document.change(r -> new HttpRules(r.defaultMethods(), r.rules().stream().map(x -> orphan.test(x)
                    ? new AllowRule(x.id(), x.url(), x.useDefaultMethods(), x.methods(), x.matchType(),
                    org.collabedge.config.Deployment.DEFAULT_ID, x.description(), x.authenticationRequired(),
                    x.origin()) : x).toList()));
        }
    }

    // ---- the proxy's side

    @Override
    public RuleDecision decide(ProxyTarget target, String method) {
        return index.decide(target, method);
    }

    @Override
    public void passed(RuleDecision decision) {
        metrics.passed();
        if (decision.ruleId() != null) {
            counters.hit(decision.ruleId());
        }
    }

    @Override
    public void blocked(ProxyTarget target, String method, RuleDecision decision, InetAddress source) {
        counters.block(decision.ruleId());
        // The query may carry tokens, so the log shows scheme, host, port and path only.
        String url = target.scheme() + "://" + (target.host().indexOf(':') >= 0 ? "[" + target.host() + "]"
                : target.host()) + ":" + target.port() + target.path();
        String reason = decision.reasonKey() != null ? decision.reasonKey()
                : decision.allowed() ? "http.block.proxy" : RuleIndex.NO_RULE.reasonKey();
        metrics.blocked(reason);
        blockedLog.add(source == null ? "" : source.getHostAddress(), method, url, target.deploymentId(),
                decision.ruleId(), reason);
    }

    // ---- the admin's side

    public HttpRules rules() {
        return document.current();
    }

    public List<AllowRule> automaticRules() {
        return AutomaticRules.of(config.current());
    }

    /** The index the proxy is using now. */
    public RuleIndex index() {
        return index;
    }

    public RuleCounters.Counts counts(String ruleId) {
        return counters.counts(ruleId);
    }

    /** Blocked requests of every node, newest first. */
    public List<BlockedRequest> blockedRequests() {
        return blockedLog.all();
    }

    /** Keeps the last uploaded tests file (for a day), so the tests page can run it again after rule changes. */
    public void keepTestFile(String csv) {
        testFiles.put("last", csv, TEST_FILE_KEPT);
    }

    public java.util.Optional<String> lastTestFile() {
        return testFiles.get("last");
    }

    /** Runs a tests file against the rules in force now. */
    public AllowListTests.Report runTests(String csv) {
        return AllowListTests.run(csv, config.current(), this);
    }

    /** Creates (id null) or replaces a rule; returns it as stored. */
    public AllowRule saveRule(AllowRule draft) {
        boolean create = draft.id() == null;
        AllowRule withId = create ? draft.withId(UUID.randomUUID().toString()) : draft;
        AllowRule[] saved = new AllowRule[1];
        document.change(r -> {
            if (!create && r.rule(withId.id()).isEmpty()) {
                throw new ValidationException(new FieldError("rule.url", "error.not_found", withId.id()));
            }
            saved[0] = RuleValidator.check(withId, config.current(), r.rules());
            List<AllowRule> rules = new ArrayList<>(r.rules());
            rules.removeIf(x -> x.id().equals(withId.id()));
            rules.add(saved[0]);
            return new HttpRules(r.defaultMethods(), rules);
        });
        return saved[0];
    }

    /** Deletes the rules with these ids; unknown ids (deleted meanwhile) are ignored. */
    public int deleteRules(Collection<String> ids) {
        Set<String> gone = new HashSet<>(ids);
        int[] removed = new int[1];
        document.change(r -> {
            List<AllowRule> rules = new ArrayList<>(r.rules());
            int before = rules.size();
            rules.removeIf(x -> gone.contains(x.id()));
            removed[0] = before - rules.size();
            return new HttpRules(r.defaultMethods(), rules);
        });
        gone.forEach(counters::forget);
        return removed[0];
    }

    /** Changes the default methods; every rule that uses the defaults follows at once. */
    public void setDefaultMethods(List<String> methods) {
        List<String> checked = RuleValidator.checkDefaults(methods);
        document.change(r -> new HttpRules(checked, r.rules()));
    }

    /** Adds rules read from an upload, each checked again against the stored rules; all or nothing. */
    public int importRules(List<AllowRule> drafts) {
        document.change(r -> {
            List<AllowRule> rules = new ArrayList<>(r.rules());
            Set<String> taken = new HashSet<>();
            rules.forEach(x -> taken.add(RuleValidator.key(x)));
            var current = config.current();
            for (AllowRule d : drafts) {
                AllowRule checked = RuleValidator.check(d.withId(UUID.randomUUID().toString()), current, taken);
                rules.add(checked);
                taken.add(RuleValidator.key(checked));
            }
            return new HttpRules(r.defaultMethods(), rules);
        });
        return drafts.size();
    }
}
