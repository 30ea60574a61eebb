package org.collabedge.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks each kind of configuration item against the rest of the configuration. Every problem is reported with the
 * field it belongs to; nothing is stored unless the list is empty.
 */
public final class ConfigValidator {

    static final int MAX_NAME = 64;
    static final int MAX_USERNAME = 128;

    public List<FieldError> domain(Domain d, EdgeConfig config, String originalName) {
        List<FieldError> errors = new ArrayList<>();
        if (d.name() == null || d.name().isBlank()) {
            errors.add(new FieldError("domain.name", "error.required"));
        } else if (!HostNames.isFqdn(d.name())) {
            errors.add(new FieldError("domain.name", "error.domain_name", d.name()));
        } else if (config.domain(d.name()).isPresent()
                && (originalName == null || !originalName.equalsIgnoreCase(d.name()))) {
            errors.add(new FieldError("domain.name", "error.duplicate", d.name()));
        }
        requireDeployment(d.deploymentId(), "domain.deployment", config, errors);
        return errors;
    }

    public List<FieldError> deploymentName(String name, EdgeConfig config, String ownId) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("deployment.name", "error.required"));
        } else if (name.length() > MAX_NAME) {
            errors.add(new FieldError("deployment.name", "error.too_long", MAX_NAME));
        } else if (hasControlCharacters(name)) {
            errors.add(new FieldError("deployment.name", "error.control_characters"));
        } else if (config.deployments().stream()
                .anyMatch(d -> d.name().equalsIgnoreCase(name.trim()) && !d.id().equals(ownId))) {
            errors.add(new FieldError("deployment.name", "error.duplicate", name));
        }
        return errors;
    }

    public List<FieldError> server(InternalServer s, EdgeConfig config) {
        List<FieldError> errors = new ArrayList<>();
        if (s.type() == null) {
            errors.add(new FieldError("server.type", "error.required"));
        }
        String address = s.address();
        if (address == null || address.isBlank()) {
            errors.add(new FieldError("server.address", "error.required"));
        } else if (!HostNames.isDnsName(address) && !HostNames.isIpLiteral(address)) {
            errors.add(new FieldError("server.address", "error.address", address));
        } else if (s.tlsVerify() && s.transport() != null && s.transport().secure() && !HostNames.isFqdn(address)) {
            errors.add(new FieldError("server.address", "error.fqdn_for_tls_verify", address));
        }
        // A call control server named by host name may leave the port to DNS NAPTR/SRV (RFC 3263): port 0.
        boolean srv = s.port() == 0 && s.type() == ServerType.CALL_CONTROL && address != null
                && HostNames.isDnsName(address) && !HostNames.isIpLiteral(address);
        if (!srv) {
            checkPort(s.port(), "server.port", errors);
        }
        if (s.transport() == null) {
            errors.add(new FieldError("server.transport", "error.required"));
        } else if (s.type() != null && !s.type().transports().contains(s.transport())) {
            errors.add(new FieldError("server.transport", "error.transport_for_type", s.transport(), s.type().key()));
        }
        if (s.username() != null && s.username().length() > MAX_USERNAME) {
            errors.add(new FieldError("server.username", "error.too_long", MAX_USERNAME));
        } else if (s.username() != null && hasControlCharacters(s.username())) {
            errors.add(new FieldError("server.username", "error.control_characters"));
        }
        requireDeployment(s.deploymentId(), "server.deployment", config, errors);
        if (errors.isEmpty() && config.servers().stream().anyMatch(o -> !o.id().equals(s.id())
                && o.type() == s.type() && HostNames.sameAddress(o.address(), address) && o.port() == s.port())) {
            errors.add(new FieldError("server.address", "error.duplicate_server", s.authority()));
        }
        return errors;
    }

    public List<FieldError> settings(EdgeSettings e) {
        List<FieldError> errors = new ArrayList<>();
        if (e.publicHostName() == null || e.publicHostName().isBlank()) {
            errors.add(new FieldError("settings.publicHostName", "error.required"));
        } else if (!HostNames.isDnsName(e.publicHostName()) && !HostNames.isIpLiteral(e.publicHostName())) {
            errors.add(new FieldError("settings.publicHostName", "error.address", e.publicHostName()));
        }
        if (e.listenAddress() == null || e.listenAddress().isBlank()) {
            errors.add(new FieldError("settings.listenAddress", "error.required"));
        } else if (!HostNames.isIpLiteral(e.listenAddress())) {
            errors.add(new FieldError("settings.listenAddress", "error.ip_literal", e.listenAddress()));
        }
        // Connection-oriented listeners share one port space, datagram ones another.
        Map<String, Integer> tcp = new LinkedHashMap<>();
        Map<String, Integer> udp = new LinkedHashMap<>();
        listener(e.sipTlsEnabled(), "settings.sipTlsPort", e.sipTlsPort(), tcp, errors);
        listener(e.sipTcpEnabled(), "settings.sipTcpPort", e.sipTcpPort(), tcp, errors);
        listener(e.sipWssEnabled(), "settings.sipWssPort", e.sipWssPort(), tcp, errors);
        listener(true, "settings.httpsPort", e.httpsPort(), tcp, errors);
        listener(e.sipUdpEnabled(), "settings.sipUdpPort", e.sipUdpPort(), udp, errors);
        listener(e.turnEnabled(), "settings.turnPort", e.turnPort(), udp, errors);
        if (e.turnEnabled()) { // TURN listens on TCP as well as UDP
            tcp.forEach((other, port) -> {
                if (port == e.turnPort()) {
                    errors.add(new FieldError("settings.turnPort", "error.port_clash", port,
                            new FieldError.FieldRef(other)));
                }
            });
        }
        checkMediaRange(e, udp, errors);
        return errors;
    }

    private void checkMediaRange(EdgeSettings e, Map<String, Integer> udp, List<FieldError> errors) {
        int min = e.mediaPortMin();
        int max = e.mediaPortMax();
        boolean minOk = checkPort(min, "settings.mediaPortMin", errors);
        boolean maxOk = checkPort(max, "settings.mediaPortMax", errors);
        if (!minOk || !maxOk) {
            return;
        }
        if (min % 2 != 0) {
            errors.add(new FieldError("settings.mediaPortMin", "error.media_even", min));
        }
        if (max - min < 3) {
            errors.add(new FieldError("settings.mediaPortMax", "error.media_range", min, max));
            return;
        }
        udp.forEach((field, port) -> {
            if (port >= min && port <= max) {
                errors.add(new FieldError(field, "error.port_in_media_range", port, min, max));
            }
        });
        ReservedPorts.all().forEach((port, use) -> {
            if (port >= min && port <= max) {
                errors.add(new FieldError("settings.mediaPortMin", "error.media_range_openfire", port, use));
            }
        });
    }

    private void listener(boolean enabled, String field, int port, Map<String, Integer> space,
                          List<FieldError> errors) {
        if (!checkPort(port, field, errors) || !enabled) {
            return;
        }
        String use = ReservedPorts.openfireUse(port);
        if (use != null) {
            errors.add(new FieldError(field, "error.port_openfire", port, use));
            return;
        }
        space.forEach((other, otherPort) -> {
            if (otherPort == port) {
                errors.add(new FieldError(field, "error.port_clash", port, new FieldError.FieldRef(other)));
            }
        });
        space.put(field, port);
    }

    private static boolean checkPort(int port, String field, List<FieldError> errors) {
        if (port < 1 || port > 65535) {
            errors.add(new FieldError(field, "error.port_range", port));
            return false;
        }
        return true;
    }

    private static void requireDeployment(String id, String field, EdgeConfig config, List<FieldError> errors) {
        if (id == null || config.deployment(id).isEmpty()) {
            errors.add(new FieldError(field, "error.unknown_deployment", String.valueOf(id)));
        }
    }

    private static boolean hasControlCharacters(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }
}
