package org.collabedge.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

import org.collabedge.standalone.FileConfigStore;
import org.collabedge.standalone.FileSecretStore;
import org.collabedge.standalone.LocalSharedState;

/**
 * Configuration services over one temporary directory's stores and one shared state, as the nodes of a cluster (or
 * one node restarted) see them; and the domains, servers and settings the configuration tests save. One per test;
 * closing it deletes the directory.
 */
final class ConfigNodes implements AutoCloseable {

    final Path dir;
    final LocalSharedState shared = new LocalSharedState(Clock.systemUTC());
    final FileConfigStore store;
    final FileSecretStore secrets;

    ConfigNodes() {
        try {
            dir = Files.createTempDirectory("collabedge-config");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store = new FileConfigStore(dir.resolve("config"));
        secrets = new FileSecretStore(dir);
    }

    /** Another service over the same store, secrets and shared state: a second node, or the same one restarted. */
    ConfigService newNode() {
        ConfigService s = new ConfigService(store, secrets, shared, "edge.example.com");
        s.load();
        return s;
    }

    /** Where the configuration document is stored. */
    Path configFile() {
        return dir.resolve("config").resolve(ConfigService.DOCUMENT + ".json");
    }

    /** The secret stored under {@code secretId}, as text. */
    String storedSecret(String secretId) {
        return new String(secrets.get(secretId).orElseThrow(), StandardCharsets.UTF_8);
    }

    static Domain sipOnEdge(String name) {
        return new Domain(name, true, false, false, false, Deployment.DEFAULT_ID);
    }

    static InternalServer callControl(String address, String deploymentId) {
        return new InternalServer(null, ServerType.CALL_CONTROL, address, 5061, Transport.TLS, true, null,
                deploymentId);
    }

    static EdgeSettings withPublicName(EdgeSettings s, String name) {
        return new EdgeSettings(name, s.listenAddress(), s.sipTlsEnabled(), s.sipTlsPort(), s.sipTcpEnabled(),
                s.sipTcpPort(), s.sipUdpEnabled(), s.sipUdpPort(), s.sipWssEnabled(), s.sipWssPort(), s.httpsPort(),
                s.mediaPortMin(), s.mediaPortMax(), s.turnEnabled(), s.turnPort());
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
