package org.collabedge.http.rules;

import java.util.ArrayList;
import java.util.List;

import org.collabedge.config.EdgeConfig;
import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.config.Transport;

/**
 * The rules every internal server brings with it, after the seed's table 2 ("Automatically added rules"), adapted to
 * the generic server types: call control exposes its user data service and its configuration files, IM and presence
 * its SOAP sign-in and file transfer, voicemail its REST interface, a web service and a configuration-download
 * server everything below "/". They cannot be edited; they come and go with the servers.
 */
public final class AutomaticRules {

    /**
     * One row of table 2.
     *
     * @param scheme  "http"/"https", or null for the server's own transport
     * @param port    a fixed port, or 0 for the server's own port
     * @param purpose i18n key saying what the rule is for
     */
    public record Template(ServerType type, String scheme, int port, MatchType matchType, String path,
                           List<String> methods, String purpose) {

        /** How the page shows the protocol and port of a template that follows the server. */
        public String protocolShown() {
            return scheme == null ? "http / https" : scheme;
        }
    }

    public static final List<Template> TABLE = List.of(
            new Template(ServerType.CALL_CONTROL, "https", 8443, MatchType.PREFIX, "/cucm-uds/",
                    List.of("GET"), "http.auto.purpose.uds"),
            new Template(ServerType.CALL_CONTROL, "http", 6970, MatchType.PREFIX, "/",
                    List.of("GET"), "http.auto.purpose.config_files"),
            new Template(ServerType.CALL_CONTROL, "https", 6972, MatchType.PREFIX, "/",
                    List.of("GET"), "http.auto.purpose.config_files"),
            new Template(ServerType.IM_AND_PRESENCE, "https", 8443, MatchType.EXACT, "/EPASSoap/service/v105",
                    List.of("POST"), "http.auto.purpose.soap"),
            new Template(ServerType.IM_AND_PRESENCE, "https", 7336, MatchType.PREFIX, "/",
                    List.of("GET", "POST", "PUT"), "http.auto.purpose.file_transfer"),
            new Template(ServerType.VOICEMAIL, null, 0, MatchType.PREFIX, "/vmrest/",
                    List.of("GET", "POST", "PUT", "DELETE"), "http.auto.purpose.voicemail"),
            new Template(ServerType.WEB_SERVICE, null, 0, MatchType.PREFIX, "/",
                    List.of("GET", "POST", "HEAD"), "http.auto.purpose.web_service"),
            new Template(ServerType.CONFIG_DOWNLOAD, null, 0, MatchType.PREFIX, "/",
                    List.of("GET"), "http.auto.purpose.config_files"));

    /** TFTP servers hand out the same files over HTTP on this port (TFTP-over-HTTP). */
    static final int TFTP_OVER_HTTP_PORT = 6970;

    private AutomaticRules() {
    }

    /** Every automatic rule for the configured servers, in server order. */
    public static List<AllowRule> of(EdgeConfig config) {
        List<AllowRule> out = new ArrayList<>();
        for (InternalServer s : config.servers()) {
            out.addAll(of(s));
        }
        return out;
    }

    /** The rules one server brings. Ids are stable ("auto-" server id "-" row) so counters survive a restart. */
    public static List<AllowRule> of(InternalServer server) {
        List<AllowRule> out = new ArrayList<>();
        int n = 0;
        for (Template t : TABLE) {
            if (t.type() != server.type()) {
                continue;
            }
            String scheme;
            int port;
            if (t.scheme() != null) {
                scheme = t.scheme();
                port = t.port();
            } else if (server.transport() == Transport.TFTP) {
                scheme = "http";
                port = TFTP_OVER_HTTP_PORT;
            } else {
                scheme = server.transport() == Transport.HTTP ? "http" : "https";
                port = server.port();
            }
            String host = server.address();
            String url = new RuleUrl(scheme, host, port, t.path(), t.path()).toString();
            out.add(new AllowRule("auto-" + server.id() + "-" + n++, url, false, t.methods(), t.matchType(),
                    server.deploymentId(), t.purpose(), true, RuleOrigin.AUTOMATIC));
        }
        return out;
    }
}
