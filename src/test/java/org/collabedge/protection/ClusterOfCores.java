package org.collabedge.protection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.collabedge.core.EdgeCore;
import org.collabedge.host.ConfigStore;
import org.collabedge.host.HostContext;
import org.collabedge.standalone.FileSecretStore;
import org.collabedge.standalone.FileUserDirectory;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.standalone.LoggingPresencePublisher;
import org.collabedge.testing.MutableClock;

/**
 * Several edge cores that behave like one cluster: one shared state, one configuration store that tells the other
 * nodes of each save (as Openfire's property events do), and one test clock.
 */
final class ClusterOfCores implements AutoCloseable {

    final MutableClock clock = new MutableClock();
    final LocalSharedState shared = new LocalSharedState(clock);
    final SharedStore store = new SharedStore();
    final List<EdgeCore> nodes = new ArrayList<>();

    /** One store for all nodes; a save on one node is an external change for the others. */
    static final class SharedStore {
        private final Map<String, String> documents = new ConcurrentHashMap<>();
        private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();

        ConfigStore forNode(String node) {
            return new ConfigStore() {
                @Override
                public Optional<String> load(String document) {
                    return Optional.ofNullable(documents.get(document));
                }

                @Override
                public void save(String document, String content) {
                    documents.put(document, content);
                    listeners.forEach((n, ls) -> {
                        if (!n.equals(node)) {
                            ls.forEach(l -> l.accept(document));
                        }
                    });
                }

                @Override
                public void delete(String document) {
                    documents.remove(document);
                }

                @Override
                public void onExternalChange(Consumer<String> listener) {
                    listeners.computeIfAbsent(node, n -> new ArrayList<>()).add(listener);
                }
            };
        }
    }

    ClusterOfCores(Path data, int size) {
        for (int i = 0; i < size; i++) {
            String node = "node-" + (char) ('a' + i);
            HostContext host = new HostContext(node, "test", new FileUserDirectory(data),
                    shared, store.forNode(node), new FileSecretStore(data), new LoggingPresencePublisher(), clock);
            EdgeCore core = new EdgeCore(host, "edge.example.com");
            core.start();
            nodes.add(core);
        }
    }

    ProtectionService protection(int node) {
        return nodes.get(node).protectionService();
    }

    /** What the background threads do every 200 ms, done now on every node. */
    void refreshAll() {
        nodes.forEach(n -> n.protectionService().refresh());
    }

    /** Waits until every node has counted the failures reported to it (they are counted off the request path). */
    void flushAll() {
        nodes.stream().filter(EdgeCore::isRunning).forEach(n -> n.protectionService().flush());
    }

    @Override
    public void close() {
        nodes.forEach(EdgeCore::stop);
    }
}
