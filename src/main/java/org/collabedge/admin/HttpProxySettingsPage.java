package org.collabedge.admin;

import org.collabedge.config.FieldError;
import org.collabedge.config.ValidationException;
import org.collabedge.http.ProxySettings;
import org.collabedge.http.ProxySettingsService;

/**
 * The HTTP proxy's limits: header and body sizes, client and backend time-outs, connections per backend, and the
 * largest rules file the upload page accepts. Every value applies live (new client connections for the header size
 * and client idle time-out, the next request for the rest).
 */
final class HttpProxySettingsPage implements AdminPage {

    @Override
    public String name() {
        return "http-proxy-settings";
    }

    @Override
    public void get(PageContext page) {
        page.put("settings", service(page).current());
        page.put("defaults", ProxySettings.defaults());
    }

    @Override
    public void post(PageContext page) {
        ProxySettings s = new ProxySettings(
                page.number("requestHeaderKiB", "http.requestHeaderKiB"),
                page.number("requestBodyMiB", "http.requestBodyMiB"),
                page.number("clientIdleSeconds", "http.clientIdleSeconds"),
                page.number("backendIdleSeconds", "http.backendIdleSeconds"),
                page.number("totalTimeoutSeconds", "http.totalTimeoutSeconds"),
                page.number("connectTimeoutSeconds", "http.connectTimeoutSeconds"),
                page.number("maxConnectionsPerBackend", "http.maxConnectionsPerBackend"),
                page.number("maxUploadMiB", "http.maxUploadMiB"));
        page.failIfParseErrors();
        service(page).save(s);
        page.redirect("http-proxy-settings?done=http_proxy_settings_saved");
    }

    static ProxySettingsService service(PageContext page) {
        ProxySettingsService service = page.core().httpEdge().settings();
        if (service == null) {
            throw new ValidationException(new FieldError("http.requestHeaderKiB", "error.http_not_running"));
        }
        return service;
    }
}
