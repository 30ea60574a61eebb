package org.collabedge.sso;

import java.net.CookieHandler;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A cookie jar for a test client talking to an IdP on plain http over loopback: it keeps name=value per host and
 * ignores the Secure flag (Keycloak marks its cookies Secure; java.net.CookieManager would then never send them).
 */
final class LenientCookies extends CookieHandler {

    private final Map<String, Map<String, String>> byHost = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        Map<String, String> jar = byHost.getOrDefault(uri.getHost(), Map.of());
        if (jar.isEmpty()) {
            return Map.of();
        }
        return Map.of("Cookie", List.of(jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "))));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        for (Map.Entry<String, List<String>> h : responseHeaders.entrySet()) {
            if (h.getKey() == null || !h.getKey().equalsIgnoreCase("Set-Cookie")) {
                continue;
            }
            for (String header : h.getValue()) {
                String pair = header.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                Map<String, String> jar = byHost.computeIfAbsent(uri.getHost(), k -> new ConcurrentHashMap<>());
                if (value.isEmpty() || header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                    jar.remove(name);
                } else {
                    jar.put(name, value);
                }
            }
        }
    }
}
