package org.collabedge.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.collabedge.config.Deployment;
import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.config.Transport;
import org.collabedge.connectivity.ProbeResult;
import org.collabedge.core.EdgeCore;

/**
 * Internal servers by type, with the result of the last reachability and TLS test. Adding or saving a server tests
 * it at once, and "Refresh" tests again, as the seed's discovery does.
 */
final class InternalServersPage implements AdminPage {

    /** A server as listed: the record, whether a password is stored (never the password), its last test. */
    public record Row(InternalServer server, boolean hasPassword, ProbeResult probe) {
    }

    @Override
    public String name() {
        return "internal-servers";
    }

    /** The servers as listed here and on the status page. */
    static List<Row> rows(EdgeCore core, List<InternalServer> servers) {
        return servers.stream().map(s -> new Row(s, core.config().hasPassword(s),
                core.probeResults().latest(s.id()).orElse(null))).toList();
    }

    @Override
    public void get(PageContext page) {
        EdgeCore core = page.core();
        var c = core.config().current();
        Map<ServerType, List<Row>> byType = new LinkedHashMap<>();
        for (ServerType t : ServerType.values()) {
            byType.put(t, rows(core, c.servers().stream().filter(s -> s.type() == t).toList()));
        }
        page.put("byType", byType);
        page.put("types", ServerType.values());
        page.put("transports", Transport.values());
        page.put("deployments", c.deployments());
        page.put("config", c);
        String edit = page.param("edit");
        if (edit != null) {
            c.server(edit).ifPresent(s -> page.put("editing", s));
        }
    }

    @Override
    public void post(PageContext page) {
        EdgeCore core = page.core();
        String action = page.param("action");
        String id = page.param("id");
        switch (action == null ? "save" : action) {
            case "delete" -> {
                core.config().deleteServer(id);
                core.probeResults().forget(id);
                page.redirect("internal-servers?done=server_deleted");
            }
            case "refresh" -> {
                core.config().current().server(id).ifPresent(s -> test(core, s));
                page.redirect("internal-servers?done=server_tested");
            }
            case "refresh-all" -> {
                core.config().current().servers().forEach(s -> test(core, s));
                page.redirect("internal-servers?done=server_tested");
            }
            default -> {
                ServerType type = page.choice("type", ServerType.class, "server.type");
                Transport transport = page.choice("transport", Transport.class, "server.transport");
                // Call control may leave the port empty: DNS NAPTR/SRV find it (RFC 3263).
                int port = type == ServerType.CALL_CONTROL && page.param("port") == null ? 0
                        : page.number("port", "server.port");
                page.failIfParseErrors();
                String deployment = page.param("deployment");
                String password = page.rawParam("password");
                char[] secret = page.flag("clearPassword") ? new char[0]
                        : password == null || password.isEmpty() ? null : password.toCharArray();
                InternalServer saved = core.config().saveServer(new InternalServer(id, type, page.param("address"),
                        port, transport, page.flag("tlsVerify"), page.param("username"),
                        deployment == null ? Deployment.DEFAULT_ID : deployment), secret);
                test(core, saved);
                page.redirect("internal-servers?done=server_saved");
            }
        }
    }

    private static void test(EdgeCore core, InternalServer server) {
        core.probeResults().record(server.id(), core.probe().probe(server));
    }
}
