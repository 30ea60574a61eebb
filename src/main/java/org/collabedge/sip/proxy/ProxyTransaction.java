package org.collabedge.sip.proxy;

import java.util.ArrayList;
import java.util.List;

import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.TransactionState;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One request the edge forwards statefully: its server transaction, the branches (forking), and the best final
 * response so far (RFC 3261 16.7: a 6xx ends the search, otherwise the lowest class wins once all branches are done).
 */
final class ProxyTransaction {

    final ServerTransaction server;
    final Request request;
    /** Where the request came from and whether it is record-routed: kept for fail-over branches. */
    volatile org.collabedge.sip.transport.Flow from;
    volatile boolean recordRoute;
    /** The request came from call control or a static route's next hop, not from an outside client. */
    volatile boolean fromInside;
    private final List<ClientTransaction> branches = new ArrayList<>();
    private final java.util.Set<ClientTransaction> cancelOnProvisional = new java.util.HashSet<>();
    private int pending;
    private Response best;
    private boolean finalSent;
    private boolean cancelled;
    private java.util.function.Consumer<Response> onFinal = r -> { };
    private final java.util.ArrayDeque<Target> fallbacks = new java.util.ArrayDeque<>();

    /** Targets to try, in order, when a branch fails with 408 or 503 (internal servers after the first). */
    synchronized void fallbacks(List<Target> targets) {
        fallbacks.clear();
        fallbacks.addAll(targets);
    }

    /** The next fallback, or null; the failed branch stops counting as pending. */
    synchronized Target takeFallback() {
        Target t = fallbacks.poll();
        if (t != null) {
            pending--;
        }
        return t;
    }

    /** The next fallback when nothing was sent yet, or null. */
    synchronized Target takeFallbackBeforeSending() {
        return fallbacks.poll();
    }

    /** Runs when the final response goes upstream (e.g. to remember a relayed registration). */
    synchronized void onFinal(java.util.function.Consumer<Response> action) {
        onFinal = action;
    }

    synchronized java.util.function.Consumer<Response> finalAction() {
        return onFinal;
    }

    ProxyTransaction(ServerTransaction server, Request request) {
        this.server = server;
        this.request = request;
    }

    synchronized void add(ClientTransaction branch) {
        branches.add(branch);
        pending++;
    }

    /** A branch whose request could not even be sent no longer counts. */
    synchronized void notSent(ClientTransaction branch) {
        if (branches.remove(branch)) {
            pending--;
        }
    }

    synchronized boolean finalSent() {
        return finalSent;
    }

    synchronized void markFinalSent() {
        finalSent = true;
    }

    synchronized boolean cancelled() {
        return cancelled;
    }

    /** Marks the transaction cancelled; returns the INVITE branches still waiting for a final response. */
    synchronized List<ClientTransaction> cancel() {
        cancelled = true;
        return pendingBranches(null);
    }

    /**
     * Of these branches, the ones that may be cancelled now: RFC 3261 9.1 allows a CANCEL only after a provisional
     * response, so a branch still CALLING is remembered and {@link #cancelDue} hands it over when its first 1xx
     * comes. The stack moves a branch to PROCEEDING before it reports the 1xx, so checking here and taking there
     * under this lock cannot miss one.
     */
    synchronized List<ClientTransaction> cancelNowOrOnProvisional(List<ClientTransaction> candidates) {
        List<ClientTransaction> now = new ArrayList<>();
        for (ClientTransaction b : candidates) {
            if (b.getState() == TransactionState.PROCEEDING) {
                now.add(b);
            } else {
                cancelOnProvisional.add(b);
            }
        }
        return now;
    }

    /** True (once) when this branch's CANCEL waited for the provisional response that just came. */
    synchronized boolean cancelDue(ClientTransaction branch) {
        return cancelOnProvisional.remove(branch);
    }

    /** A branch that ended needs no CANCEL any more. */
    synchronized void branchEnded(ClientTransaction branch) {
        cancelOnProvisional.remove(branch);
    }

    /** The branches still without a final response, except {@code except}. */
    synchronized List<ClientTransaction> pendingBranches(ClientTransaction except) {
        return branches.stream().filter(b -> b != except)
                .filter(b -> b.getState() == TransactionState.CALLING || b.getState() == TransactionState.TRYING
                        || b.getState() == TransactionState.PROCEEDING).toList();
    }

    /**
     * Records a branch's final non-2xx response; returns the response to send upstream now, or null while other
     * branches may still answer better.
     */
    synchronized Response branchFailed(Response response) {
        pending--;
        if (best == null || better(response, best)) {
            best = response;
        }
        boolean global = response.getStatusCode() >= 600;
        if (!finalSent && (pending <= 0 || global)) {
            finalSent = true;
            return best;
        }
        return null;
    }

    private static boolean better(Response candidate, Response current) {
        int c = candidate.getStatusCode();
        int b = current.getStatusCode();
        if (c >= 600 != b >= 600) {
            return c >= 600;
        }
        // Prefer a challenge or a redirect over a generic failure, then the lower class.
        if (c / 100 != b / 100) {
            return c / 100 < b / 100;
        }
        return (c == 401 || c == 407) && b != 401 && b != 407;
    }
}
