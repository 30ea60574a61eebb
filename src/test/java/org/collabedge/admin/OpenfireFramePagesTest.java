package org.collabedge.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;

import javax.servlet.DispatcherType;
import javax.servlet.Filter;

import org.collabedge.core.EdgeCore;
import org.collabedge.host.HostContext;
import org.collabedge.standalone.FileConfigStore;
import org.collabedge.standalone.FileSecretStore;
import org.collabedge.standalone.FileUserDirectory;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.standalone.LoggingPresencePublisher;
import org.eclipse.jetty.ee8.servlet.FilterHolder;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages as Openfire's console serves them: under /plugins/collabedge/, without our own frame (SiteMesh adds the
 * console's), and with the CSRF token Openfire checked and handed over in the {@code csrf} request attribute.
 */
class OpenfireFramePagesTest {

    @TempDir
    Path data;

    private Server server;
    private EdgeCore core;
    private String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        HostContext ctx = new HostContext("node-a", "openfire", new FileUserDirectory(data),
                new LocalSharedState(Clock.systemUTC()), new FileConfigStore(data.resolve("config")),
                new FileSecretStore(data), new LoggingPresencePublisher(), Clock.systemUTC());
        core = new EdgeCore(ctx, "xmpp.example.com");
        core.start();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        Filter openfireCsrf = (req, resp, chain) -> { // what PluginServlet does for csrfProtectionEnabled plugins
            req.setAttribute("csrf", "token-from-openfire");
            chain.doFilter(req, resp);
        };
        context.addFilter(new FilterHolder(openfireCsrf), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new AdminServlet(() -> core, AdminServlet.Frame.OPENFIRE)),
                "/plugins/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/plugins/collabedge/";
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        core.stop();
    }

    @Test
    void pagesCarryTheConsolePageIdAndTheHostsCsrfTokenButNoOwnFrame() throws Exception {
        HttpResponse<String> r = get("domains");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<meta name=\"pageID\" content=\"collabedge-domains\"/>"));
        assertTrue(r.body().contains("name=\"csrf\" value=\"token-from-openfire\""));
        assertFalse(r.body().contains("<nav>"), "Openfire draws the sidebar");
        assertFalse(r.body().contains("<style>"), "the console's stylesheet applies");
    }

    @Test
    void theDefaultPublicHostNameIsTheHostsNameAndThePluginRootShowsStatus() throws Exception {
        HttpResponse<String> r = get("");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("collabedge-status"));
        assertTrue(r.body().contains("xmpp.example.com"));
    }

    @Test
    void aFormCheckedByOpenfireIsCarriedOut() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "deployments"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=add&name=Lab&csrf=token-from-openfire")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, r.statusCode());
        assertTrue(core.config().current().deployments().stream().anyMatch(d -> d.name().equals("Lab")));
    }

    @Test
    void unknownPagesAreNotFoundAndAStoppedCoreIsUnavailable() throws Exception {
        assertEquals(404, get("no-such-page").statusCode());
        core.stop();
        assertEquals(503, get("status").statusCode());
    }

    @Test
    void metricsNegotiateHtmlForPeopleAndTextForScrapers() throws Exception {
        assertTrue(get("metrics").body().contains("<pre id=\"scrape\">"));
        HttpResponse<String> text = http.send(HttpRequest.newBuilder(URI.create(base + "metrics"))
                .header("Accept", "text/plain;version=0.0.4").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(text.body().startsWith("# HELP"));
    }

    private HttpResponse<String> get(String page) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + page)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
