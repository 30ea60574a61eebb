package org.collabedge.http;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.collabedge.http.rules.AllowList;
import org.collabedge.http.rules.RuleDecision;

/**
 * Test double for the rules service: allows http://127.0.0.1:&lt;port&gt; paths under {@code /allowed/} (without
 * edge authentication under {@code /allowed/public/}) and records what the proxy reported.
 */
final class TestAllowList implements AllowList {

    private final int port;
    private final String scheme;
    private final String host;
    final List<String> passed = new CopyOnWriteArrayList<>();
    final List<String> blocked = new CopyOnWriteArrayList<>();

    TestAllowList(int port) {
        this("http", "127.0.0.1", port);
    }

    TestAllowList(String scheme, String host, int port) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
    }

    @Override
    public RuleDecision decide(ProxyTarget target, String method) {
        boolean allowed = target.deploymentId().equals("d1") && target.scheme().equals(scheme)
                && target.host().equals(host) && target.port() == port
                && target.path().startsWith("/allowed/");
        if (!allowed) {
            return new RuleDecision(false, null, "http.block.no_rule", true);
        }
        return new RuleDecision(true, "r1", null, !target.path().startsWith("/allowed/public/"));
    }

    @Override
    public void passed(RuleDecision decision) {
        passed.add(decision.ruleId());
    }

    @Override
    public void blocked(ProxyTarget target, String method, RuleDecision decision, InetAddress source) {
        blocked.add(method + " " + target.path());
    }
}
