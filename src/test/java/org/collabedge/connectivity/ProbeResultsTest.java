package org.collabedge.connectivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.collabedge.host.SharedMap;
import org.junit.jupiter.api.Test;

class ProbeResultsTest {

    private final InMemorySharedState state = new InMemorySharedState();
    private final ProbeResults results = new ProbeResults(state);

    private static ProbeResult result(ProbeStatus status, String detail) {
        return new ProbeResult(status, detail, Instant.parse("2026-03-01T10:00:00Z"), 12, "CN=cucm.example.com",
                Instant.parse("2027-01-01T00:00:00Z"), "SIP/2.0 200 OK");
    }

    @Test
    void recordedResultComesBackAfterCrossingTheCluster() {
        ProbeResult ok = result(ProbeStatus.OK, "Connected in 3 ms");
        results.record("cucm1", ok);

        assertEquals(Optional.of(ok), results.latest("cucm1"));
        assertEquals(Optional.empty(), results.latest("cucm2"));
        assertTrue(state.mapNames().contains("probe-results"));
        assertEquals(SharedMap.FOREVER,
                ((InMemorySharedState.FakeMap<?>) state.<ProbeResult>map("probe-results")).lastTtl);
    }

    @Test
    void laterResultReplacesTheEarlierOne() {
        results.record("cucm1", result(ProbeStatus.OK, "Connected in 3 ms"));
        ProbeResult refused = result(ProbeStatus.UNREACHABLE, "Connection refused");
        results.record("cucm1", refused);

        assertEquals(Optional.of(refused), results.latest("cucm1"));
    }

    @Test
    void forgottenServerHasNoResult() {
        results.record("cucm1", result(ProbeStatus.OK, "Connected in 3 ms"));
        results.forget("cucm1");

        assertEquals(Optional.empty(), results.latest("cucm1"));
    }

    @Test
    void resultsOfAnotherNodeAreSeen() {
        results.record("cucm1", result(ProbeStatus.HOSTNAME_MISMATCH, "Certificate does not name cucm1"));

        assertEquals(ProbeStatus.HOSTNAME_MISMATCH, new ProbeResults(state).latest("cucm1").orElseThrow().status());
    }
}
