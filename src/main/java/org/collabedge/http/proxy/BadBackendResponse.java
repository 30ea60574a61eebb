package org.collabedge.http.proxy;

import java.io.IOException;

/** A backend answered with something that is not well-formed HTTP/1.1; the client gets 502. */
public final class BadBackendResponse extends IOException {

    public BadBackendResponse(String message) {
        super(message);
    }
}
