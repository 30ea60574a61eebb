package bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.collabedge.auth.TokenVerifier;
import org.collabedge.cert.CertificateService;
import org.collabedge.config.Deployment;
import org.collabedge.config.Domain;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.EdgeSettings;
import org.collabedge.config.InternalServer;
import org.collabedge.config.RestartNotices;
import org.collabedge.config.ServerType;
import org.collabedge.config.Transport;
import org.collabedge.host.ConfigStore;
import org.collabedge.host.HostContext;
import org.collabedge.host.SecretStore;
import org.collabedge.host.UserDirectory;
import org.collabedge.metrics.EdgeMetrics;
import org.collabedge.protection.Protection;
import org.collabedge.sip.SdpRewriter;
import org.collabedge.sip.SipEdgeService;
import org.collabedge.sip.auth.SipSecrets;
import org.collabedge.sip.config.SipConfig;
import org.collabedge.sip.config.SipSettings;
import org.collabedge.sip.status.FlowState;
import org.collabedge.sip.status.RegistrationView;
import org.collabedge.sip.transport.CachedSslContext;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.standalone.LoggingPresencePublisher;
import org.collabedge.testing.MemoryStores;

/**
 * Benchmark only: the real SIP edge on 127.0.0.1 with free TLS and TCP ports, domain {@code bench.example.com} on
 * internal call control (the Kamailio at 127.0.0.1:{@code args[0]} over TCP) and the edge-owned domain
 * {@code edge.bench.example.com}, users user0001..user{@code args[1]} with the secrets register-bench.sh gives
 * Kamailio. Prints "sip edge tls=PORT tcp=PORT pid=PID" and runs until killed. Protection is {@code none()}: the
 * bench measures the SIP path, and a rate limit would refuse the load. On SIGHUP it prints what the registrar holds
 * ("registrations B bindings, A addresses of record, F flows, O open"), on demand so that the count's garbage is
 * not on the heap when the bench measures it.
 */
public final class BenchSipEdgeMain {

    public static void main(String[] args) throws Exception {
        int kamailioPort = Integer.parseInt(args[0]);
        int users = Integer.parseInt(args[1]);
        int tls = freePort();
        int tcp = freePort();
        ConfigStore configs = MemoryStores.configs();
        SecretStore secrets = MemoryStores.secrets();
        for (int i = 1; i <= users; i++) {
            secrets.put(SipSecrets.secretId(user(i)), ("Bench-Secret-" + i + "-x").getBytes(StandardCharsets.UTF_8));
        }
        UserDirectory directory = new UserDirectory() {
            public boolean authenticate(String username, char[] password) {
                return false;
            }

            public Optional<DirectoryUser> lookup(String username) {
                return username.startsWith("user")
                        ? Optional.of(new DirectoryUser(username, username, username + "@edge.bench.example.com"))
                        : Optional.empty();
            }
        };
        Clock clock = Clock.systemUTC();
        LocalSharedState shared = new LocalSharedState(clock);
        HostContext host = new HostContext("node-1", "standalone", directory, shared, configs, secrets,
                new LoggingPresencePublisher(), clock);
        CertificateService certificates = new CertificateService(configs, secrets, clock);
        certificates.start("localhost");
        EdgeSettings d = EdgeSettings.defaults("127.0.0.1");
        EdgeSettings settings = new EdgeSettings("127.0.0.1", "127.0.0.1", true, tls, true, tcp, false, tcp,
                false, d.sipWssPort(), d.httpsPort(), d.mediaPortMin(), d.mediaPortMax(), false, d.turnPort());
        EdgeConfig config = new EdgeConfig(List.of(new Deployment("default", "Default")),
                List.of(new Domain("bench.example.com", false, true, false, false, "default"),
                        new Domain("edge.bench.example.com", true, false, false, false, "default")),
                List.of(new InternalServer("kam", ServerType.CALL_CONTROL, "127.0.0.1", kamailioPort, Transport.TCP,
                        false, "", "default")), settings);
        // SIPp answers only MD5 challenges and takes the first one offered: offer MD5 alone (SHA-256 costs the edge
        // about the same per request).
        SipSettings sd = SipSettings.defaults();
        SipConfig sipConfig = new SipConfig(new SipSettings(sd.registrationMode(), false, List.of("MD5"),
                sd.bearerTokens(), sd.minExpiresSeconds(), sd.maxExpiresSeconds(), sd.defaultExpiresSeconds(),
                sd.flowTimerSeconds()), List.of());
        SipEdgeService service = new SipEdgeService(new SipEdgeService.Dependencies(host, () -> config,
                () -> sipConfig, new CachedSslContext(certificates::identity, certificates::serverSslContext),
                new CachedSslContext(certificates::identity, certificates::clientSslContext), Protection.none(),
                TokenVerifier.REFUSE_ALL, new SipSecrets(secrets, directory, configs, shared, new RestartNotices(),
                clock), new EdgeMetrics(), SdpRewriter.PASS_THROUGH));
        service.start();
        if (service.ports().size() != 2) {
            throw new IllegalStateException("listeners did not open: " + service.problems());
        }
        System.out.println("sip edge tls=" + service.ports().get("TLS") + " tcp=" + service.ports().get("TCP")
                + " pid=" + ProcessHandle.current().pid());
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> printRegistrations(service));
        new CountDownLatch(1).await();
    }

    private static void printRegistrations(SipEdgeService service) {
        List<RegistrationView> all = service.registrations();
        long aors = all.stream().map(RegistrationView::addressOfRecord).distinct().count();
        long flows = all.stream().map(RegistrationView::remoteAddress).distinct().count();
        long open = all.stream().filter(r -> r.flowState() == FlowState.OPEN).count();
        System.out.println("registrations " + all.size() + " bindings, " + aors + " addresses of record, " + flows
                + " flows, " + open + " open");
    }

    private static String user(int i) {
        return String.format("user%04d", i);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
