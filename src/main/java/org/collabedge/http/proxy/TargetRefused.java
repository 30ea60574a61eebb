package org.collabedge.http.proxy;

/**
 * A request target the proxy will not forward because it is malformed or ambiguous (400), or names no known
 * deployment (404). The message is safe to show to the client: it names the problem, never echoes secrets.
 */
public final class TargetRefused extends Exception {

    private final int status;

    public TargetRefused(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static TargetRefused bad(String message) {
        return new TargetRefused(400, message);
    }

    public int status() {
        return status;
    }
}
