package org.collabedge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.collabedge.config.FieldError;
import org.junit.jupiter.api.Test;

/** The operator's HTTP proxy settings: defaults equal the built-in limits; each bad value names its field. */
class ProxySettingsTest {

    @Test
    void theDefaultsAreTheBuiltInLimitsAndValid() {
        ProxySettings d = ProxySettings.defaults();
        assertEquals(ProxyLimits.DEFAULTS, d.limits());
        assertTrue(d.problems().isEmpty());
        assertEquals(8L << 20, d.maxUploadBytes());
    }

    @Test
    void everyValueOutsideItsRangeIsReportedOnItsOwnField() {
        ProxySettings bad = new ProxySettings(0, 5000, 4, 0, 0, 61, 0, 65);
        List<String> fields = bad.problems().stream().map(FieldError::field).toList();
        assertEquals(List.of("http.requestHeaderKiB", "http.requestBodyMiB", "http.clientIdleSeconds",
                "http.backendIdleSeconds", "http.totalTimeoutSeconds", "http.connectTimeoutSeconds",
                "http.maxConnectionsPerBackend", "http.maxUploadMiB"), fields);
        assertEquals(List.of(61, 1, 60), bad.problems().get(5).args());
    }

    @Test
    void theTotalTimeOutMayNotBeShorterThanTheIdleTimeOut() {
        ProxySettings d = ProxySettings.defaults();
        ProxySettings s = new ProxySettings(d.requestHeaderKiB(), d.requestBodyMiB(), d.clientIdleSeconds(), 120,
                60, d.connectTimeoutSeconds(), d.maxConnectionsPerBackend(), d.maxUploadMiB());
        assertEquals(List.of("error.http_total_below_idle"),
                s.problems().stream().map(FieldError::problemKey).toList());
    }
}
