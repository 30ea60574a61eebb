package org.collabedge.standalone;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.servlet.DispatcherType;

import org.collabedge.admin.AdminServlet;
import org.collabedge.core.EdgeCore;
import org.collabedge.host.HostContext;
import org.eclipse.jetty.ee8.servlet.FilterHolder;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the core on one machine without Openfire: local adapters for every port, and the admin pages on a loopback
 * admin port behind the admin login. {@link #stop()} closes every thread and socket it opened, so a start/stop
 * cycle can repeat in one JVM.
 */
public final class StandaloneHost {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneHost.class);
    private static final long PURGE_SECONDS = 30;

    private final StandaloneSettings settings;
    private final Clock clock;
    private EdgeCore core;
    private Server admin;
    private ScheduledExecutorService purger;
    private String generatedAdminPassword;
    private FileUserDirectory users;

    public StandaloneHost(StandaloneSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public synchronized void start() throws Exception {
        if (core != null) {
            return;
        }
        Path data = settings.dataDirectory();
        LocalSharedState shared = new LocalSharedState(clock);
        users = new FileUserDirectory(data);
        HostContext ctx = new HostContext(settings.nodeId(), "standalone", users, shared,
                new FileConfigStore(data.resolve("config")), new FileSecretStore(data),
                new LoggingPresencePublisher(), clock);
        AdminCredentials.Initialised credentials = AdminCredentials.initialise(data, settings.adminPassword());
        generatedAdminPassword = credentials.generatedPassword();
        core = new EdgeCore(ctx, settings.publicHostName());
        try {
            core.start();
            purger = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "collabedge-purge");
                t.setDaemon(true);
                return t;
            });
            purger.scheduleWithFixedDelay(shared::purgeExpired, PURGE_SECONDS, PURGE_SECONDS, TimeUnit.SECONDS);
            admin = adminServer(credentials.credentials());
            admin.start();
        } catch (Exception e) {
            stop();
            throw e;
        }
        LOG.info("Admin pages at {}", adminUrl());
    }

    public synchronized void stop() {
        try {
            if (admin != null) {
                admin.stop();
                admin.destroy();
            }
        } catch (Exception e) {
            LOG.warn("Admin server did not stop cleanly", e);
        } finally {
            admin = null;
        }
        if (purger != null) {
            purger.shutdownNow();
            try {
                purger.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            purger = null;
        }
        if (core != null) {
            core.stop();
            core = null;
        }
    }

    public synchronized EdgeCore core() {
        return core;
    }

    public FileUserDirectory users() {
        return users;
    }

    /** The admin password generated at this start, or null when one already existed or was configured. */
    public String generatedAdminPassword() {
        return generatedAdminPassword;
    }

    public synchronized int adminPort() {
        return ((ServerConnector) admin.getConnectors()[0]).getLocalPort();
    }

    public String adminUrl() {
        String host = settings.adminBind().contains(":") ? "[" + settings.adminBind() + "]" : settings.adminBind();
        if ("0.0.0.0".equals(host)) {
            host = "127.0.0.1";
        }
        return "http://" + host + ":" + adminPort() + "/";
    }

    private Server adminServer(AdminCredentials credentials) {
        QueuedThreadPool pool = new QueuedThreadPool(16, 2);
        pool.setName("collabedge-admin");
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(settings.adminBind());
        connector.setPort(settings.adminPort());
        server.addConnector(connector);
        server.setStopAtShutdown(false);

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        context.getSessionHandler().setHttpOnly(true);
        context.getSessionHandler().setSameSite(HttpCookie.SameSite.STRICT);
        context.getSessionHandler().setMaxInactiveInterval(30 * 60);
        // Allow-list rule and test files are posted as form text; Jetty's 200 kB default holds ~3,000 rules only.
        context.setMaxFormContentSize(8 * 1024 * 1024);
        EdgeCore running = core;
        context.addFilter(new FilterHolder(new AdminLoginFilter(credentials)), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new AdminServlet(() -> running, AdminServlet.Frame.STANDALONE)), "/");
        // Error pages say what went wrong in general terms only: no exception text, no stack traces.
        org.eclipse.jetty.ee8.servlet.ErrorPageErrorHandler errors = new org.eclipse.jetty.ee8.servlet.ErrorPageErrorHandler();
        errors.setShowStacks(false);
        errors.setShowMessageInTitle(false);
        errors.setShowServlet(false);
        context.setErrorHandler(errors);
        server.setHandler(context);
        return server;
    }
}
