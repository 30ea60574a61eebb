package org.collabedge.http.proxy;

import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

/** What a client is told when forwarding fails before its answer was committed. */
final class BackendFailures {

    private BackendFailures() {
    }

    /** 413 body too large, 503 no backend connection free, 504 time-out, 502 anything else the backend did. */
    static int status(Throwable e) {
        if (e instanceof RequestBodyPump.TooLarge) {
            return 413;
        }
        if (e instanceof BackendPool.Exhausted) {
            return 503;
        }
        if (e instanceof TimeoutException || e instanceof SocketTimeoutException) {
            return 504;
        }
        return 502;
    }

    /** The short plain-text reason sent with the status (never the backend's own error text). */
    static String message(int status) {
        return switch (status) {
            case 413 -> "request body too large";
            case 503 -> "internal server busy";
            case 504 -> "internal server timed out";
            default -> "internal server failed";
        };
    }
}
