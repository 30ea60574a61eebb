package org.collabedge.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.collabedge.host.ConfigStore;
import org.collabedge.host.SecretStore;
import org.collabedge.host.SharedState;

/**
 * Owns the configuration: loads it, validates and persists every change, and tells services. Changes are made under a
 * cluster-wide lock after re-reading the stored document, so two admins on two nodes cannot lose each other's edits.
 */
public final class ConfigService {

    public static final String DOCUMENT = "edge-config";

    private final SecretStore secrets;
    private final ConfigValidator validator = new ConfigValidator();
    private final RestartNotices restartNotices;
    private final SharedDocument<EdgeConfig> document;

    public ConfigService(ConfigStore store, SecretStore secrets, SharedState shared, String defaultPublicHostName) {
        this(store, secrets, shared, defaultPublicHostName, new RestartNotices());
    }

    /** @param restartNotices where every document's listeners leave their restart reasons */
    public ConfigService(ConfigStore store, SecretStore secrets, SharedState shared, String defaultPublicHostName,
                         RestartNotices restartNotices) {
        this.secrets = secrets;
        this.restartNotices = restartNotices;
        this.document = new SharedDocument<>(DOCUMENT, new ConfigCodec().codec(),
                () -> defaults(defaultPublicHostName), store, shared, restartNotices);
    }

    /** Told by the host that a stored document changed elsewhere (another node, or by hand). */
    public void externalChange(String name) {
        document.externalChange(name);
    }

    /** Reads the stored configuration, or starts from the defaults on first run. */
    public void load() {
        document.load();
    }

    public EdgeConfig current() {
        return document.current();
    }

    public ConfigValidator validator() {
        return validator;
    }

    public void addListener(ConfigListener listener) {
        document.addListener(listener);
    }

    public void removeListener(ConfigListener listener) {
        document.removeListener(listener);
    }

    /** Why a restart is needed before every change is in effect; empty when all is live. */
    public Set<String> pendingRestart() {
        return restartNotices.all();
    }

    // ---- domains

    public void saveDomain(String originalName, Domain domain) {
        Domain d = new Domain(domain.name() == null ? null : HostNames.normalise(domain.name()), domain.sipOnEdge(),
                domain.sipOnInternal(), domain.imAndPresence(), domain.xmppFederation(), domain.deploymentId());
        change(c -> {
            check(validator.domain(d, c, originalName));
            List<Domain> domains = new ArrayList<>(c.domains());
            if (originalName != null && !domains.removeIf(x -> x.name().equalsIgnoreCase(originalName))) {
                throw new ValidationException(new FieldError("domain.name", "error.not_found", originalName));
            }
            domains.add(d);
            domains.sort((a, b) -> a.name().compareTo(b.name()));
            return new EdgeConfig(c.deployments(), domains, c.servers(), c.settings());
        });
    }

    public void deleteDomain(String name) {
        change(c -> {
            List<Domain> domains = new ArrayList<>(c.domains());
            if (!domains.removeIf(x -> x.name().equalsIgnoreCase(name))) {
                throw new ValidationException(new FieldError("domain.name", "error.not_found", name));
            }
            return new EdgeConfig(c.deployments(), domains, c.servers(), c.settings());
        });
    }

    // ---- deployments

    public Deployment addDeployment(String name) {
        Deployment created = new Deployment(UUID.randomUUID().toString(), name == null ? null : name.trim());
        change(c -> {
            check(validator.deploymentName(name, c, created.id()));
            List<Deployment> deployments = new ArrayList<>(c.deployments());
            deployments.add(created);
            return new EdgeConfig(deployments, c.domains(), c.servers(), c.settings());
        });
        return created;
    }

    public void renameDeployment(String id, String name) {
        change(c -> {
            Deployment d = c.deployment(id).orElseThrow(() -> new ValidationException(
                    new FieldError("deployment.name", "error.not_found", id)));
            check(validator.deploymentName(name, c, id));
            List<Deployment> deployments = new ArrayList<>(c.deployments());
            deployments.replaceAll(x -> x.id().equals(id) ? d.withName(name.trim()) : x);
            return new EdgeConfig(deployments, c.domains(), c.servers(), c.settings());
        });
    }

    /** Deletes a deployment; its domains and servers move to the default deployment, which cannot be deleted. */
    public void deleteDeployment(String id) {
        change(c -> {
            Deployment d = c.deployment(id).orElseThrow(() -> new ValidationException(
                    new FieldError("deployment.name", "error.not_found", id)));
            if (d.isDefault()) {
                throw new ValidationException(new FieldError("deployment.name", "error.default_deployment"));
            }
            List<Deployment> deployments = new ArrayList<>(c.deployments());
            deployments.removeIf(x -> x.id().equals(id));
            UnaryOperator<String> move = dep -> dep.equals(id) ? Deployment.DEFAULT_ID : dep;
            return new EdgeConfig(deployments,
                    c.domains().stream().map(x -> x.withDeployment(move.apply(x.deploymentId()))).toList(),
                    c.servers().stream().map(x -> x.withDeployment(move.apply(x.deploymentId()))).toList(),
                    c.settings());
        });
    }

    // ---- internal servers

    /**
     * Adds or replaces an internal server. A null id adds one. The password is stored in the secret store: null
     * keeps the stored one, an empty array removes it.
     */
    public InternalServer saveServer(InternalServer server, char[] password) {
        String id = server.id() == null ? UUID.randomUUID().toString() : server.id();
        boolean verify = server.tlsVerify() && server.transport() != null && server.transport().secure();
        String username = server.username() == null || server.username().isBlank() ? null : server.username().trim();
        InternalServer s = new InternalServer(id, server.type(),
                server.address() == null ? null : normaliseAddress(server.address()), server.port(),
                server.transport(), verify, username, server.deploymentId());
        change(c -> {
            if (server.id() != null && c.server(id).isEmpty()) {
                throw new ValidationException(new FieldError("server.address", "error.not_found", id));
            }
            check(validator.server(s, c));
            List<InternalServer> servers = new ArrayList<>(c.servers());
            servers.removeIf(x -> x.id().equals(id));
            servers.add(s);
            return new EdgeConfig(c.deployments(), c.domains(), servers, c.settings());
        });
        if (password != null) {
            if (password.length == 0) {
                secrets.delete(s.secretId());
            } else {
                secrets.put(s.secretId(), new String(password).getBytes(StandardCharsets.UTF_8));
            }
        }
        return s;
    }

    public void deleteServer(String id) {
        InternalServer[] removed = new InternalServer[1];
        change(c -> {
            removed[0] = c.server(id).orElseThrow(() -> new ValidationException(
                    new FieldError("server.address", "error.not_found", id)));
            List<InternalServer> servers = new ArrayList<>(c.servers());
            servers.removeIf(x -> x.id().equals(id));
            return new EdgeConfig(c.deployments(), c.domains(), servers, c.settings());
        });
        secrets.delete(removed[0].secretId());
    }

    public boolean hasPassword(InternalServer server) {
        return secrets.contains(server.secretId());
    }

    // ---- edge settings

    public void saveSettings(EdgeSettings settings) {
        EdgeSettings s = settings.publicHostName() == null ? settings : new EdgeSettings(
                HostNames.normalise(settings.publicHostName()), settings.listenAddress() == null ? null
                : HostNames.unbracket(settings.listenAddress()), settings.sipTlsEnabled(), settings.sipTlsPort(),
                settings.sipTcpEnabled(), settings.sipTcpPort(), settings.sipUdpEnabled(), settings.sipUdpPort(),
                settings.sipWssEnabled(), settings.sipWssPort(), settings.httpsPort(), settings.mediaPortMin(),
                settings.mediaPortMax(), settings.turnEnabled(), settings.turnPort());
        change(c -> {
            check(validator.settings(s));
            return new EdgeConfig(c.deployments(), c.domains(), c.servers(), s);
        });
    }

    // ---- mechanics

    private void change(UnaryOperator<EdgeConfig> edit) {
        document.change(edit);
    }

    private static EdgeConfig defaults(String defaultPublicHostName) {
        return new EdgeConfig(List.of(new Deployment(Deployment.DEFAULT_ID, Deployment.DEFAULT_NAME)), List.of(),
                List.of(), EdgeSettings.defaults(defaultPublicHostName));
    }

    private static String normaliseAddress(String address) {
        String a = HostNames.unbracket(address);
        return HostNames.isIpLiteral(a) ? a : a.toLowerCase(Locale.ROOT);
    }

    private static void check(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
