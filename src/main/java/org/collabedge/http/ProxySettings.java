package org.collabedge.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.collabedge.config.FieldError;

/**
 * The HTTP proxy's operator settings (document {@value #DOCUMENT}), in the units the settings page shows: the limits
 * the proxy enforces and the largest rules file the admin page accepts. Defaults are {@link ProxyLimits#DEFAULTS}.
 */
public record ProxySettings(int requestHeaderKiB, int requestBodyMiB, int clientIdleSeconds, int backendIdleSeconds,
                            int totalTimeoutSeconds, int connectTimeoutSeconds, int maxConnectionsPerBackend,
                            int maxUploadMiB) {

    public static final String DOCUMENT = "http-proxy";

    /** Allowed ranges, checked on save and shown on the page (min, max per field). */
    static final int[][] RANGES = {{1, 64}, {1, 4096}, {5, 3600}, {1, 3600}, {1, 86_400}, {1, 60}, {1, 10_000},
        {1, 64}};
    static final String[] FIELDS = {"requestHeaderKiB", "requestBodyMiB", "clientIdleSeconds", "backendIdleSeconds",
        "totalTimeoutSeconds", "connectTimeoutSeconds", "maxConnectionsPerBackend", "maxUploadMiB"};

    public static ProxySettings defaults() {
        ProxyLimits d = ProxyLimits.DEFAULTS;
        return new ProxySettings(d.requestHeaderBytes() / 1024, (int) (d.requestBodyBytes() >> 20),
                (int) d.clientIdleTimeout().toSeconds(), (int) d.backendIdleTimeout().toSeconds(),
                (int) d.totalTimeout().toSeconds(), (int) d.connectTimeout().toSeconds(),
                d.maxConnectionsPerBackend(), 8);
    }

    /** The limits the proxy applies. */
    public ProxyLimits limits() {
        return new ProxyLimits(requestHeaderKiB * 1024, (long) requestBodyMiB << 20,
                Duration.ofSeconds(clientIdleSeconds), Duration.ofSeconds(backendIdleSeconds),
                Duration.ofSeconds(totalTimeoutSeconds), Duration.ofSeconds(connectTimeoutSeconds),
                maxConnectionsPerBackend);
    }

    /** Largest rules file upload in bytes. */
    public long maxUploadBytes() {
        return (long) maxUploadMiB << 20;
    }

    private int[] values() {
        return new int[] {requestHeaderKiB, requestBodyMiB, clientIdleSeconds, backendIdleSeconds,
            totalTimeoutSeconds, connectTimeoutSeconds, maxConnectionsPerBackend, maxUploadMiB};
    }

    /** Every problem, each naming its field ({@code http.<name>}); empty when the settings may be saved. */
    public List<FieldError> problems() {
        List<FieldError> errors = new ArrayList<>();
        int[] v = values();
        for (int i = 0; i < v.length; i++) {
            if (v[i] < RANGES[i][0] || v[i] > RANGES[i][1]) {
                errors.add(new FieldError("http." + FIELDS[i], "error.http_range", v[i], RANGES[i][0], RANGES[i][1]));
            }
        }
        if (errors.isEmpty() && totalTimeoutSeconds < backendIdleSeconds) {
            errors.add(new FieldError("http.totalTimeoutSeconds", "error.http_total_below_idle", totalTimeoutSeconds,
                    backendIdleSeconds));
        }
        return errors;
    }
}
