package org.collabedge.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.collabedge.core.EdgeCore;
import org.collabedge.protection.Protection;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.XMPPServerInfo;
import org.jivesoftware.openfire.cluster.ClusterEventListener;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.interceptor.InterceptorManager;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.PropertyEventDispatcher;
import org.jivesoftware.util.cache.CacheFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedConstruction;
import org.mockito.MockedStatic;
import org.mockito.Mockito;

/**
 * Plugin load and unload with the real adapters on a mocked Openfire: whatever the adapters start (threads,
 * property and cluster listeners) must be gone after destroyPlugin, also after a failed start.
 */
class CollabEdgePluginTest {

    private final Map<String, FakeCache<String, byte[]>> caches = new ConcurrentHashMap<>();
    private final List<ClusterEventListener> clusterListeners = new CopyOnWriteArrayList<>();
    private final FakeProperties properties = new FakeProperties();
    private MockedStatic<JiveGlobals> globals;
    private MockedStatic<PropertyEventDispatcher> dispatcher;
    private MockedStatic<CacheFactory> cacheFactory;
    private MockedStatic<ClusterManager> clusterManager;
    private MockedStatic<XMPPServer> server;
    private final PluginManager manager = mock(PluginManager.class);
    private final File directory = new File("target/plugins/collabedge");

    @BeforeEach
    void setUp() {
        globals = Mockito.mockStatic(JiveGlobals.class);
        dispatcher = Mockito.mockStatic(PropertyEventDispatcher.class);
        properties.install(globals, dispatcher);
        cacheFactory = Mockito.mockStatic(CacheFactory.class);
        cacheFactory.when(() -> CacheFactory.createCache(anyString()))
                .thenAnswer(i -> caches.computeIfAbsent(i.getArgument(0), n -> new FakeCache<>(n)));
        clusterManager = Mockito.mockStatic(ClusterManager.class);
        clusterManager.when(() -> ClusterManager.addListener(any()))
                .thenAnswer(i -> clusterListeners.add(i.getArgument(0)));
        clusterManager.when(() -> ClusterManager.removeListener(any()))
                .thenAnswer(i -> clusterListeners.remove(i.<ClusterEventListener>getArgument(0)));
        XMPPServer xmpp = mock(XMPPServer.class);
        XMPPServerInfo info = mock(XMPPServerInfo.class);
        when(info.getXMPPDomain()).thenReturn("example.org");
        when(xmpp.getServerInfo()).thenReturn(info);
        server = Mockito.mockStatic(XMPPServer.class);
        server.when(XMPPServer::getInstance).thenReturn(xmpp);
    }

    @AfterEach
    void tearDown() {
        if (CollabEdgePlugin.runningCore() != null) {
            throw new AssertionError("a test left a core running");
        }
        server.close();
        clusterManager.close();
        cacheFactory.close();
        dispatcher.close();
        globals.close();
    }

    /** Listeners this plugin registered (Openfire's own static initialisers register some with the mocks too). */
    private static long ours(List<?> listeners) {
        return listeners.stream().filter(l -> l.getClass().getName().startsWith("org.collabedge.")).count();
    }

    /** This plugin's packet interceptors in Openfire's global list. */
    private static long guards() {
        return InterceptorManager.getInstance().getInterceptors().stream()
                .filter(i -> i instanceof XmppClientGuard).count();
    }

    private static Set<String> edgeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("collabedge-"))
                .collect(Collectors.toSet());
    }

    @Test
    void loadAndUnloadRepeatedlyLeaveNothingBehind() {
        Set<String> before = edgeThreads();
        try (MockedConstruction<EdgeCore> cores = Mockito.mockConstruction(EdgeCore.class,
                (core, context) -> when(core.protection()).thenReturn(Protection.none()))) {
            for (int round = 0; round < 3; round++) {
                CollabEdgePlugin plugin = new CollabEdgePlugin();
                plugin.initializePlugin(manager, directory);

                EdgeCore core = CollabEdgePlugin.runningCore();
                assertNotNull(core);
                assertSame(cores.constructed().get(round), core);
                Mockito.verify(core).start();
                assertTrue(edgeThreads().contains(OpenfireSharedState.PURGE_THREAD), "adapter thread is running");
                assertEquals(1, ours(properties.listeners));
                assertEquals(1, ours(clusterListeners));
                assertEquals(1, guards(), "the XMPP client guard is registered once");

                plugin.destroyPlugin();

                Mockito.verify(core).stop();
                assertNull(CollabEdgePlugin.runningCore());
                assertEquals(before, edgeThreads(), "threads left after unload");
                assertEquals(0, ours(properties.listeners), "property listener left registered");
                assertEquals(0, ours(clusterListeners), "cluster listener left registered");
                assertEquals(0, guards(), "packet interceptor left registered");
            }
        }
    }

    @Test
    void theCoreStartsWithThePluginsClassLoaderAsContextClassLoader() {
        ClassLoader foreign = new URLClassLoader(new URL[0], null);
        ClassLoader[] seen = new ClassLoader[1];
        Thread.currentThread().setContextClassLoader(foreign);
        try (MockedConstruction<EdgeCore> cores = Mockito.mockConstruction(EdgeCore.class, (core, context) -> {
            doAnswer(i -> seen[0] = Thread.currentThread().getContextClassLoader()).when(core).start();
            when(core.protection()).thenReturn(Protection.none());
        })) {
            CollabEdgePlugin plugin = new CollabEdgePlugin();
            plugin.initializePlugin(manager, directory);
            assertSame(CollabEdgePlugin.class.getClassLoader(), seen[0]);
            assertSame(foreign, Thread.currentThread().getContextClassLoader(), "restored afterwards");
            plugin.destroyPlugin();
        } finally {
            Thread.currentThread().setContextClassLoader(CollabEdgePlugin.class.getClassLoader());
        }
    }

    @Test
    void aCoreThatFailsToStartIsRethrownAndCleanedUp() {
        Set<String> before = edgeThreads();
        IllegalStateException failure = new IllegalStateException("port 5061 in use");
        try (MockedConstruction<EdgeCore> cores = Mockito.mockConstruction(EdgeCore.class,
                (core, context) -> doThrow(failure).when(core).start())) {
            CollabEdgePlugin plugin = new CollabEdgePlugin();
            assertSame(failure, assertThrows(IllegalStateException.class,
                    () -> plugin.initializePlugin(manager, directory)));
            Mockito.verify(cores.constructed().get(0)).stop();
            assertNull(CollabEdgePlugin.runningCore());
            assertEquals(before, edgeThreads());
            assertEquals(0, ours(properties.listeners));
            assertEquals(0, ours(clusterListeners));
            assertEquals(0, guards());
            plugin.destroyPlugin(); // Openfire may still call it: harmless
        }
    }

    @Test
    void adaptersOpenedBeforeAFailingAdapterAreClosed() {
        Set<String> before = edgeThreads();
        dispatcher.when(() -> PropertyEventDispatcher.addListener(any()))
                .thenThrow(new IllegalStateException("dispatcher unavailable"));
        CollabEdgePlugin plugin = new CollabEdgePlugin();
        assertThrows(IllegalStateException.class, () -> plugin.initializePlugin(manager, directory));
        assertEquals(before, edgeThreads(), "the shared state's thread, opened first, must be gone");
        assertEquals(0, ours(clusterListeners));
        assertNull(CollabEdgePlugin.runningCore());
    }

    @Test
    void theRealCoreStartsAndStopsOnTheAdapters() {
        Set<String> before = edgeThreads();
        CollabEdgePlugin plugin = new CollabEdgePlugin();
        plugin.initializePlugin(manager, directory);
        EdgeCore core = CollabEdgePlugin.runningCore();
        assertNotNull(core);
        assertTrue(core.isRunning());
        assertEquals("openfire", core.host().hostKind());
        assertEquals("example.org", core.host().nodeId());
        assertEquals(1, guards());
        assertTrue(properties.values.keySet().stream().anyMatch(k -> k.startsWith("collabedge.config.")),
                "the core saved its configuration through the adapter");
        assertTrue(properties.values.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("collabedge.secret."))
                        .allMatch(e -> e.getValue().startsWith("v1:")),
                "secrets are stored encrypted");
        plugin.destroyPlugin();
        assertFalse(core.isRunning());
        assertNull(CollabEdgePlugin.runningCore());
        assertEquals(before, edgeThreads());
        assertEquals(0, ours(properties.listeners));
        assertEquals(0, guards());
    }
}
