package org.collabedge.openfire;

import org.collabedge.admin.AdminServlet;

/**
 * The admin pages inside Openfire's console, declared in web/WEB-INF/web-custom.xml. Openfire's PluginServlet
 * instantiates it with the no-argument constructor; it serves whatever core the plugin is running (none: 503).
 */
public class ConsoleServlet extends AdminServlet {

    public ConsoleServlet() {
        super(CollabEdgePlugin::runningCore, AdminServlet.Frame.OPENFIRE);
    }
}
