package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.collabedge.http.ProxyLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP proxy settings page: values are validated per field, saved, and applied to the running edge at once. */
class HttpProxySettingsPageEndToEndTest {

    @TempDir
    Path data;

    private static Map<String, String> form(String... overrides) {
        Map<String, String> f = new HashMap<>(Map.of("requestHeaderKiB", "16", "requestBodyMiB", "100",
                "clientIdleSeconds", "30", "backendIdleSeconds", "60", "totalTimeoutSeconds", "300",
                "connectTimeoutSeconds", "5", "maxConnectionsPerBackend", "256", "maxUploadMiB", "8"));
        for (int i = 0; i < overrides.length; i += 2) {
            f.put(overrides[i], overrides[i + 1]);
        }
        return f;
    }

    @Test
    void theDefaultsAreShownAndASavedChangeAppliesToTheRunningEdge() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            String page = edge.get("http-proxy-settings").body();
            assertTrue(page.contains("id=\"maxConnectionsPerBackend\"") && page.contains("value=\"256\""), page);
            assertTrue(page.contains("Default 60"), "the default is named beside the field");
            HttpResponse<String> saved = edge.submit("http-proxy-settings", form("backendIdleSeconds", "20",
                    "totalTimeoutSeconds", "90", "maxConnectionsPerBackend", "12", "requestHeaderKiB", "24"));
            assertEquals(302, saved.statusCode());
            assertTrue(saved.headers().firstValue("Location").orElseThrow().contains("done=http_proxy_settings_saved"));
            ProxyLimits applied = edge.host.core().httpEdge().limits();
            assertEquals(Duration.ofSeconds(20), applied.backendIdleTimeout());
            assertEquals(Duration.ofSeconds(90), applied.totalTimeout());
            assertEquals(12, applied.maxConnectionsPerBackend());
            assertEquals(24 * 1024, applied.requestHeaderBytes());
            assertTrue(edge.get("http-proxy-settings?done=http_proxy_settings_saved").body()
                    .contains("HTTP proxy settings saved"));
        }
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheFieldAndNothingChanges() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            HttpResponse<String> refused = edge.submit("http-proxy-settings", form("connectTimeoutSeconds", "0",
                    "maxConnectionsPerBackend", "abc"));
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("&#39;abc&#39; is not a whole number"), refused.body());
            HttpResponse<String> range = edge.submit("http-proxy-settings", form("connectTimeoutSeconds", "0"));
            assertEquals(400, range.statusCode());
            assertTrue(range.body().contains("Connect time-out (seconds): 0 is outside the allowed range 1 to 60"),
                    range.body());
            HttpResponse<String> order = edge.submit("http-proxy-settings", form("totalTimeoutSeconds", "10"));
            assertEquals(400, order.statusCode());
            assertTrue(order.body().contains("must not be shorter than the idle time-out"), order.body());
            assertEquals(ProxyLimits.DEFAULTS, edge.host.core().httpEdge().limits());
        }
    }
}
