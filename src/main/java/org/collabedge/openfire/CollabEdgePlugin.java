package org.collabedge.openfire;

import java.io.File;
import java.time.Clock;

import org.collabedge.core.EdgeCore;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Openfire plugin entry point: builds the {@link EdgeCore} on the Openfire adapters ({@link OpenfireHost}),
 * starts it, registers the {@link XmppClientGuard} packet interceptor on its protection, and publishes it for the
 * console pages through {@link #runningCore()}.
 *
 * <p>Openfire hot-deploys plugins, so initialise/destroy must be repeatable: destroy stops the core and closes every
 * thread and listener the adapters opened. A failed start is logged, cleaned up and rethrown, so Openfire lists
 * the plugin as failed rather than half running. The thread context class loader is the plugin's (the loader of
 * this class, Openfire's PluginClassLoader for this plugin) while the core starts and stops, for libraries that
 * load classes or resources through it.
 */
public final class CollabEdgePlugin implements Plugin {

    private static final Logger LOG = LoggerFactory.getLogger(CollabEdgePlugin.class);

    private static volatile EdgeCore running;

    private OpenfireHost host;
    private EdgeCore core;
    private XmppClientGuard xmppGuard;

    /** The core of the plugin instance that is running, or null when none is (the console then answers 503). */
    public static EdgeCore runningCore() {
        return running;
    }

    @Override
    public synchronized void initializePlugin(PluginManager manager, File pluginDirectory) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(CollabEdgePlugin.class.getClassLoader());
        try {
            host = OpenfireHost.open(Clock.systemUTC());
            core = new EdgeCore(host.context(), host.xmppDomain());
            core.start();
            // Openfire's own client sessions feed the XMPP protocol violation category and obey the bans.
            xmppGuard = XmppClientGuard.register(core.protection(), host.xmppDomain());
            running = core;
            LOG.info("Collaboration Edge started on node {}", host.context().nodeId());
        } catch (RuntimeException | Error e) {
            LOG.error("Collaboration Edge failed to start", e);
            shutDown();
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public synchronized void destroyPlugin() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(CollabEdgePlugin.class.getClassLoader());
        try {
            shutDown();
            LOG.info("Collaboration Edge stopped");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Stops whatever was started, in reverse order; safe to call on a partial start and more than once. */
    private void shutDown() {
        if (running == core) {
            running = null;
        }
        if (xmppGuard != null) {
            xmppGuard.close(); // before the core: the interceptor must not outlive the protection it reports to
            xmppGuard = null;
        }
        if (core != null) {
            try {
                core.stop();
            } catch (RuntimeException e) {
                LOG.warn("Stopping the edge core failed", e);
            }
            core = null;
        }
        if (host != null) {
            host.close();
            host = null;
        }
    }
}
