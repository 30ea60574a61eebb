package org.collabedge.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * Whether the server's Jetty can write its pre-encoded header fields (Date, common content types) in HTTP/2's HPACK
 * form. jetty-http finds that encoder once, with {@code ServiceLoader} through the thread's context class loader, when
 * {@link PreEncodedHttpField} is first used. Inside Openfire that happens in the server's own Jetty, long before the
 * plugin starts, under a loader that cannot see the HPACK module the plugin brings: then every HTTP/2 response that
 * carries such a field (every one: Jetty adds a pre-encoded Date) fails in the HPACK encoder, and the edge must not
 * offer h2. Only jetty-http is referenced here, so the check itself links wherever the server's Jetty does.
 */
final class Http2FieldEncoding {

    private Http2FieldEncoding() {
    }

    static boolean available() {
        try {
            // Without an HTTP/2 pre-encoder the field has no HTTP/2 form: a NullPointerException inside Jetty.
            return new PreEncodedHttpField(HttpHeader.DATE, "Thu, 01 Jan 1970 00:00:00 GMT")
                    .getEncodedLength(HttpVersion.HTTP_2) > 0;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
