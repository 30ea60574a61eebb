package org.collabedge.openfire;

import org.collabedge.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.collabedge.host.SharedLock;
import org.collabedge.host.SharedMap;
import org.jivesoftware.openfire.cluster.ClusterEventListener;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.openfire.cluster.ClusterNodeInfo;
import org.jivesoftware.openfire.cluster.NodeID;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.cache.CacheFactory;
import org.jivesoftware.util.cache.ClusterTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.mockito.Mockito;

/**
 * The shared state on a node that is not the senior member: every atomic operation must travel to the senior
 * as a cluster task. The "senior" here deserialises the task from its wire form and runs it, as Hazelcast would.
 */
class ClusteredSharedStateTest {

    private static final byte[] SENIOR = "senior-node-uuid".getBytes(StandardCharsets.UTF_8);
    private static final byte[] JUNIOR = "junior-node-uuid".getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = new MutableClock();
    private final Map<String, FakeCache<String, byte[]>> caches = new ConcurrentHashMap<>();
    private final AtomicInteger tasksSent = new AtomicInteger();
    private final AtomicReference<ClusterEventListener> listener = new AtomicReference<>();
    private boolean seniorAnswers = true;
    private boolean seniorGone;
    private boolean weAreSenior;
    private MockedStatic<JiveGlobals> globals;
    private MockedStatic<CacheFactory> cacheFactory;
    private MockedStatic<ClusterManager> clusterManager;
    private OpenfireSharedState state;

    @BeforeEach
    void setUp() {
        globals = Mockito.mockStatic(JiveGlobals.class);
        new FakeProperties().install(globals);
        cacheFactory = Mockito.mockStatic(CacheFactory.class);
        cacheFactory.when(() -> CacheFactory.createCache(anyString()))
                .thenAnswer(i -> caches.computeIfAbsent(i.getArgument(0), n -> new FakeCache<>(n)));
        cacheFactory.when(() -> CacheFactory.doSynchronousClusterTask(any(ClusterTask.class), any(byte[].class)))
                .thenAnswer(i -> {
                    tasksSent.incrementAndGet();
                    if (seniorGone) {
                        throw new IllegalStateException("Requested node not found in cluster");
                    }
                    return seniorAnswers ? runOnSenior(i.getArgument(0)) : null;
                });
        clusterManager = Mockito.mockStatic(ClusterManager.class);
        clusterManager.when(ClusterManager::isClusteringStarted).thenReturn(true);
        clusterManager.when(ClusterManager::isSeniorClusterMember).thenAnswer(i -> weAreSenior);
        List<ClusterNodeInfo> nodes = List.of(node(JUNIOR, false), node(SENIOR, true));
        clusterManager.when(ClusterManager::getNodesInfo).thenReturn(nodes);
        clusterManager.when(() -> ClusterManager.addListener(any())).thenAnswer(i -> {
            listener.set(i.getArgument(0));
            return null;
        });
        state = new OpenfireSharedState("junior", clock);
    }

    @AfterEach
    void tearDown() {
        if (state != null) {
            state.close();
        }
        for (MockedStatic<?> mock : new MockedStatic<?>[] {clusterManager, cacheFactory, globals}) {
            if (mock != null) {
                mock.close();
            }
        }
    }

    private static ClusterNodeInfo node(byte[] id, boolean senior) {
        NodeID nodeId = mock(NodeID.class);
        when(nodeId.toByteArray()).thenReturn(id);
        ClusterNodeInfo info = mock(ClusterNodeInfo.class);
        when(info.getNodeID()).thenReturn(nodeId);
        when(info.isSeniorMember()).thenReturn(senior);
        return info;
    }

    /** What the senior does with a task: read it off the wire, run it, answer its result. */
    private static Object runOnSenior(ClusterTask<?> task) throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(wire)) {
            out.writeObject(task);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(wire.toByteArray()))) {
            ClusterTask<?> received = (ClusterTask<?>) in.readObject();
            received.run();
            return received.getResult();
        }
    }

    private void verifySentToSenior(int times) {
        cacheFactory.verify(() -> CacheFactory.doSynchronousClusterTask(any(ClusterTask.class),
                argThat(id -> Arrays.equals(id, SENIOR))), Mockito.times(times));
        assertEquals(times, tasksSent.get(), "every task went to the senior, none elsewhere");
    }

    @Test
    void putIfAbsentRunsOnTheSeniorMember() {
        SharedMap<String> map = state.map("registrations");
        assertTrue(map.putIfAbsent("alice", "contact-1", Duration.ofMinutes(5)));
        assertFalse(map.putIfAbsent("alice", "contact-2", Duration.ofMinutes(5)));
        verifySentToSenior(2);
        assertEquals(Optional.of("contact-1"), map.get("alice"), "plain reads stay local");
        verifySentToSenior(2);
    }

    @Test
    void countersAndLocksRunOnTheSeniorMember() throws Exception {
        assertEquals(3, state.counters("rate").addAndGet("ip", 3, Duration.ofMinutes(1)));
        SharedLock lock = state.lock("l");
        assertTrue(lock.tryLock(Duration.ZERO));
        lock.unlock();
        state.map("m").purgeExpired();
        verifySentToSenior(4);
        assertEquals(0, caches.get("collabedge-locks").size(), "the release ran on the senior too");
    }

    @Test
    void aSeniorThatDoesNotAnswerIsAskedAgainThenReported() {
        seniorAnswers = false;
        SharedMap<String> map = state.map("calls");
        assertThrows(IllegalStateException.class, () -> map.putIfAbsent("c", "v", Duration.ofMinutes(1)));
        verifySentToSenior(2);
    }

    @Test
    void aSeniorThatLeftIsLookedUpAgain() {
        seniorGone = true;
        SharedMap<String> map = state.map("calls");
        assertThrows(IllegalStateException.class, () -> map.putIfAbsent("c", "v", Duration.ofMinutes(1)));
        verifySentToSenior(2);
        clusterManager.verify(ClusterManager::getNodesInfo, Mockito.times(2));
    }

    @Test
    void onBecomingSeniorTheNodeRunsAtomicOperationsItself() {
        SharedMap<String> map = state.map("calls");
        assertTrue(map.putIfAbsent("a", "v", Duration.ofMinutes(1)));
        verifySentToSenior(1);

        weAreSenior = true;
        listener.get().markedAsSeniorClusterMember();
        assertTrue(map.putIfAbsent("b", "v", Duration.ofMinutes(1)));
        assertFalse(map.putIfAbsent("a", "w", Duration.ofMinutes(1)));
        verifySentToSenior(1);
    }

    @Test
    void thePeriodicPurgeRunsOnlyOnTheCoordinatingNode() {
        state.map("a").put("k", "v", Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(2));
        state.purgeAll();
        assertEquals(1, caches.get("collabedge-a").size(), "a junior node leaves the sweep to the senior");
        verifySentToSenior(0);
    }

    @Test
    void tasksSurviveTheWireWithTheirArguments() throws Exception {
        byte[] entry = SharedEntry.encode(SharedEntry.NEVER, new byte[] {1, 2, 3});
        PutIfAbsentTask task = new PutIfAbsentTask("collabedge-x", "key", 42L, entry, false);
        assertEquals(Boolean.TRUE, runOnSenior(task));
        assertEquals(Boolean.FALSE, runOnSenior(task));
        assertEquals(7L, runOnSenior(new AddAndGetTask("collabedge-y", "n", 1L, 7L, SharedEntry.NEVER)));
        assertEquals(Boolean.TRUE, runOnSenior(new RemoveIfPayloadTask("collabedge-x", "key", 43L, entry)));
        assertEquals(0, caches.get("collabedge-x").size());
    }
}
