package org.collabedge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.collabedge.auth.TokenVerifier;
import org.collabedge.protection.AccessGate;
import org.collabedge.protection.AuthorizationRateControl;
import org.eclipse.jetty.util.thread.Invocable;
import org.junit.jupiter.api.Test;

/**
 * Jetty runs the edge's handlers on the thread that parsed the request (no hand-over for a rule without
 * authentication), while the work that may block (a password check) goes to a pool thread and holds nobody up.
 */
class NonBlockingHandlingTest {

    @Test
    void theHandlersAreNonBlockingAndASlowPasswordCheckHoldsUpNoOtherRequest() throws Exception {
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (RecordingBackend backend = new RecordingBackend();
             EdgeHarness edge = new EdgeHarness(new TestAllowList(backend.port()), (user, password) -> {
                 checking.countDown();
                 try {
                     return release.await(10, TimeUnit.SECONDS); // a directory that answers slowly
                 } catch (InterruptedException e) {
                     Thread.currentThread().interrupt();
                     return false;
                 }
             }, TokenVerifier.REFUSE_ALL, AccessGate.OPEN, AuthorizationRateControl.UNLIMITED, List.of())) {
            assertEquals(Invocable.InvocationType.NON_BLOCKING, edge.edge.invocationType());
            String base = "/corp/http/127.0.0.1/" + backend.port() + "/allowed/";
            // Several slow checks at once, more than the selector threads there are.
            List<CompletableFuture<EdgeHarness.RawResponse>> slow = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                slow.add(CompletableFuture.supplyAsync(() -> get(edge, base + "private",
                        EdgeHarness.basic("alice", "secret"))));
            }
            assertTrue(checking.await(5, TimeUnit.SECONDS));
            long t0 = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                EdgeHarness.RawResponse open = edge.get(base + "public/x" + i);
                assertEquals(200, open.status());
            }
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3),
                    "requests without authentication passed while the password checks waited");
            release.countDown();
            for (CompletableFuture<EdgeHarness.RawResponse> f : slow) {
                assertEquals(200, f.get(10, TimeUnit.SECONDS).status());
            }
        }
    }

    private static EdgeHarness.RawResponse get(EdgeHarness edge, String target, String header) {
        try {
            return edge.get(target, header);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
