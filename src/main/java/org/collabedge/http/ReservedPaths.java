package org.collabedge.http;

import java.util.List;

import org.collabedge.http.proxy.TargetParser;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Sends {@code /edge/...} and {@code /get_edge_sso} to the identity service's {@link EdgeEndpoint} servlets and
 * lets every other request through to the proxy. A reserved path without an endpoint is answered 404 here: it is
 * never proxied. The servlets may block, so they run on a pool thread; the wrapper itself tells Jetty it does not
 * block, so that the proxy's common case can be handled on the thread that parsed the request (a sequence with one
 * blocking member would make Jetty hand every request to a pool thread).
 */
final class ReservedPaths extends Handler.Wrapper {

    ReservedPaths(List<EdgeEndpoint> endpoints) {
        ServletContextHandler servlets = new ServletContextHandler();
        servlets.setContextPath("/");
        for (EdgeEndpoint endpoint : endpoints) {
            ServletHolder holder = new ServletHolder(endpoint.servlet());
            servlets.addServlet(holder, endpoint.path());
            servlets.addServlet(holder, endpoint.path() + "/*");
        }
        setHandler(servlets.get());
    }

    static boolean isReserved(String rawPath) {
        String edge = "/" + TargetParser.EDGE_PREFIX;
        String sso = "/" + TargetParser.SSO_DISCOVERY;
        return rawPath.equals(edge) || rawPath.startsWith(edge + "/")
                || rawPath.equals(sso) || rawPath.startsWith(sso + "/");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (path == null || !isReserved(path)) {
            return false;
        }
        request.getComponents().getExecutor().execute(() -> {
            try {
                if (!super.handle(request, response, callback)) {
                    Response.writeError(request, response, callback, 404);
                }
            } catch (Throwable e) {
                Response.writeError(request, response, callback, e);
            }
        });
        return true;
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}
