package bench;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import org.collabedge.auth.TokenVerifier;
import org.collabedge.cert.CertificateService;
import org.collabedge.config.Deployment;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.EdgeSettings;
import org.collabedge.host.ConfigStore;
import org.collabedge.host.SecretStore;
import org.collabedge.http.HttpEdge;
import org.collabedge.http.ProxyTarget;
import org.collabedge.http.rules.AllowList;
import org.collabedge.http.rules.RuleDecision;
import org.collabedge.metrics.EdgeMetrics;
import org.collabedge.protection.Protection;

/**
 * Benchmark only: runs the HTTPS edge on 127.0.0.1:{@code args[0]} with an allow list that lets every target of
 * deployment "bench" pass without edge authentication (bench code, never product). Runs until killed.
 */
public final class BenchEdgeMain {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Map<String, String> docs = new ConcurrentHashMap<>();
        Map<String, byte[]> secrets = new ConcurrentHashMap<>();
        ConfigStore configs = new ConfigStore() {
            public Optional<String> load(String d) { return Optional.ofNullable(docs.get(d)); }
            public void save(String d, String c) { docs.put(d, c); }
            public void delete(String d) { docs.remove(d); }
            public void onExternalChange(Consumer<String> l) { }
        };
        SecretStore secretStore = new SecretStore() {
            public void put(String id, byte[] s) { secrets.put(id, s); }
            public Optional<byte[]> get(String id) { return Optional.ofNullable(secrets.get(id)); }
            public void delete(String id) { secrets.remove(id); }
            public boolean contains(String id) { return secrets.containsKey(id); }
        };
        CertificateService certificates = new CertificateService(configs, secretStore, Clock.systemUTC());
        certificates.start("localhost");
        EdgeSettings d = EdgeSettings.defaults("localhost");
        EdgeSettings settings = new EdgeSettings("localhost", "127.0.0.1", false, 5061, false, 5060, false, 5060,
                false, 7444, port, d.mediaPortMin(), d.mediaPortMax(), false, 3478);
        EdgeConfig config = new EdgeConfig(List.of(new Deployment("b1", "bench")), List.of(), List.of(), settings);
        AllowList allowAll = new AllowList() {
            private final RuleDecision pass = new RuleDecision(true, "bench", null, false);
            public RuleDecision decide(ProxyTarget target, String method) { return pass; }
            public void passed(RuleDecision decision) { }
            public void blocked(ProxyTarget t, String m, RuleDecision r, InetAddress s) { }
        };
        HttpEdge edge = new HttpEdge(() -> config, allowAll, List.of(), certificates, Protection.none(),
                TokenVerifier.REFUSE_ALL, (u, p) -> false, new EdgeMetrics());
        edge.start();
        System.out.println("bench edge listening on " + edge.port());
        new CountDownLatch(1).await();
    }
}
