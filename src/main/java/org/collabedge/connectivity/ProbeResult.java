package org.collabedge.connectivity;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of one connectivity test of an internal server, as shown on the admin pages and kept in shared
 * state. Never holds secrets: {@code detail} and {@code response} come from the network, not from the
 * configuration's secret store.
 *
 * @param status        the verdict
 * @param detail        one short sentence for a person, e.g. "Connected in 3 ms; TLSv1.3; certificate
 *                      CN=cucm.example.com, valid until 2027-01-01; SIP/2.0 200 OK" or "Connection refused"
 * @param testedAt      when the test started, by the probe's clock
 * @param elapsedMillis how long the whole test took
 * @param peerSubject   subject of the server's certificate, when one was seen (null otherwise)
 * @param peerNotAfter  end of validity of the server's certificate, when one was seen (null otherwise)
 * @param response      first line the server answered in its protocol, e.g. "SIP/2.0 200 OK" (null when none)
 */
public record ProbeResult(ProbeStatus status, String detail, Instant testedAt, long elapsedMillis,
                          String peerSubject, Instant peerNotAfter, String response) implements Serializable {

    public ProbeResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(testedAt, "testedAt");
        if (elapsedMillis < 0) {
            throw new IllegalArgumentException("elapsedMillis must not be negative: " + elapsedMillis);
        }
    }

    /** True when the server was reached and answered as its type should. */
    public boolean ok() {
        return status == ProbeStatus.OK;
    }
}
