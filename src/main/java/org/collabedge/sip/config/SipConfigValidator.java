package org.collabedge.sip.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.collabedge.config.EdgeConfig;
import org.collabedge.config.FieldError;
import org.collabedge.config.HostNames;
import org.collabedge.config.Transport;

/**
 * Checks the SIP edge's settings and static routes. Every refusal names its field; a route whose domain the edge does
 * not serve is accepted with a warning, because the route may be set up before the domain.
 */
public final class SipConfigValidator {

    /** Registration intervals the edge accepts at all (RFC 3261 suggests 3600 s; a day is the practical ceiling). */
    public static final int EXPIRES_FLOOR = 60;
    public static final int EXPIRES_CEILING = 86400;
    /** RFC 5626 keep-alive interval bounds: NAT bindings time out after 30-120 s, so more than an hour is useless. */
    public static final int FLOW_TIMER_MIN = 10;
    public static final int FLOW_TIMER_MAX = 3600;
    public static final Set<String> DIGEST_ALGORITHMS = Set.of("SHA-256", "MD5");
    public static final Set<Transport> ROUTE_TRANSPORTS = Set.of(Transport.TLS, Transport.TCP, Transport.UDP);
    static final int MAX_DESCRIPTION = 200;
    /** Most origins in the WebSocket allow-list: the web phones of one deployment, not a directory of sites. */
    public static final int MAX_ORIGINS = 50;
    /** A route's or internal address's port when DNS (NAPTR/SRV, RFC 3263) should find it. */
    public static final int DNS_PORT = 0;

    /** The user part of a SIP URI (RFC 3261 "user"), or the LCS wildcard "*". */
    private static final Pattern USER = Pattern.compile("\\*|[A-Za-z0-9\\-_.!~*'()&=+$,;?/%]+");

    public List<FieldError> settings(SipSettings s) {
        List<FieldError> errors = new ArrayList<>();
        if (s.registrationMode() == null) {
            errors.add(new FieldError("sip.registrationMode", "error.required"));
        }
        checkAlgorithms(s.digestAlgorithms(), errors);
        boolean min = range(s.minExpiresSeconds(), "sip.minExpiresSeconds", EXPIRES_FLOOR, EXPIRES_CEILING, errors);
        boolean max = range(s.maxExpiresSeconds(), "sip.maxExpiresSeconds", EXPIRES_FLOOR, EXPIRES_CEILING, errors);
        boolean def = range(s.defaultExpiresSeconds(), "sip.defaultExpiresSeconds", EXPIRES_FLOOR, EXPIRES_CEILING,
                errors);
        if (min && max && s.minExpiresSeconds() > s.maxExpiresSeconds()) {
            errors.add(new FieldError("sip.maxExpiresSeconds", "error.sip.not_below",
                    new FieldError.FieldRef("sip.minExpiresSeconds"), s.minExpiresSeconds()));
        } else if (min && max && def && (s.defaultExpiresSeconds() < s.minExpiresSeconds()
                || s.defaultExpiresSeconds() > s.maxExpiresSeconds())) {
            errors.add(new FieldError("sip.defaultExpiresSeconds", "error.sip.between",
                    s.minExpiresSeconds(), s.maxExpiresSeconds()));
        }
        if (range(s.flowTimerSeconds(), "sip.flowTimerSeconds", FLOW_TIMER_MIN, FLOW_TIMER_MAX, errors) && def
                && s.flowTimerSeconds() >= s.defaultExpiresSeconds()) {
            // A keep-alive interval as long as the usual registration would come after the binding lapsed.
            errors.add(new FieldError("sip.flowTimerSeconds", "error.sip.flow_timer_expires",
                    new FieldError.FieldRef("sip.defaultExpiresSeconds"), s.defaultExpiresSeconds()));
        }
        checkOrigins(s.allowedWebSocketOrigins(), errors);
        return errors;
    }

    private static void checkOrigins(List<String> origins, List<FieldError> errors) {
        String field = "sip.allowedWebSocketOrigins";
        if (origins.size() > MAX_ORIGINS) {
            errors.add(new FieldError(field, "error.sip.too_many_origins", MAX_ORIGINS));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String o : origins) {
            java.util.Optional<String> c = WebSocketOrigins.canonical(o);
            if (c.isEmpty()) {
                errors.add(new FieldError(field, "error.sip.origin", shorten(o)));
            } else if (!seen.add(c.get())) {
                errors.add(new FieldError(field, "error.duplicate", c.get()));
            }
        }
    }

    /** A refused value as shown back in the message: bounded, so a pasted page does not fill the screen. */
    private static String shorten(String value) {
        String v = String.valueOf(value);
        return v.length() > 80 ? v.substring(0, 80) + "..." : v;
    }

    private static void checkAlgorithms(List<String> algorithms, List<FieldError> errors) {
        if (algorithms == null || algorithms.isEmpty()) {
            errors.add(new FieldError("sip.digestAlgorithms", "error.sip.no_algorithm"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String a : algorithms) {
            if (a == null || !DIGEST_ALGORITHMS.contains(a)) {
                errors.add(new FieldError("sip.digestAlgorithms", "error.sip.algorithm", String.valueOf(a)));
            } else if (!seen.add(a)) {
                errors.add(new FieldError("sip.digestAlgorithms", "error.duplicate", a));
            }
        }
    }

    /**
     * @param config the SIP configuration the route joins (its own old version, if any, is ignored by id)
     */
    public List<FieldError> route(StaticRoute r, SipConfig config) {
        List<FieldError> errors = new ArrayList<>();
        checkPattern(r, config, errors);
        String host = r.nextHopHost();
        if (host == null || host.isBlank()) {
            errors.add(new FieldError("route.nextHopHost", "error.required"));
        } else if (!HostNames.isDnsName(host) && !HostNames.isIpLiteral(host)) {
            errors.add(new FieldError("route.nextHopHost", "error.address", host));
        } else if (r.transport() == Transport.TLS && r.tlsVerify() && !HostNames.isFqdn(host)) {
            // LCS: "An IP address will not work for creating a TLS session" - the certificate must name the hop.
            errors.add(new FieldError("route.nextHopHost", "error.fqdn_for_tls_verify", host));
        }
        if (r.nextHopPort() == DNS_PORT) {
            // No port: RFC 3263 NAPTR/SRV lookups, which only a host name has.
            if (host != null && HostNames.isIpLiteral(HostNames.unbracket(host))) {
                errors.add(new FieldError("route.nextHopPort", "error.sip.port_for_address", host));
            }
        } else if (r.nextHopPort() < 1 || r.nextHopPort() > 65535) {
            errors.add(new FieldError("route.nextHopPort", "error.port_range", r.nextHopPort()));
        }
        if (r.transport() == null) {
            errors.add(new FieldError("route.transport", "error.required"));
        } else if (!ROUTE_TRANSPORTS.contains(r.transport())) {
            errors.add(new FieldError("route.transport", "error.sip.route_transport", r.transport()));
        }
        if (r.description() != null && r.description().length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("route.description", "error.too_long", MAX_DESCRIPTION));
        } else if (r.description() != null && r.description().chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("route.description", "error.control_characters"));
        }
        return errors;
    }

    private static void checkPattern(StaticRoute r, SipConfig config, List<FieldError> errors) {
        String p = r.pattern();
        if (p == null || p.isBlank()) {
            errors.add(new FieldError("route.pattern", "error.required"));
            return;
        }
        int at = p.lastIndexOf('@');
        if (at <= 0 || !USER.matcher(p.substring(0, at)).matches()
                || p.substring(0, at).contains("*") && at != 1) {
            errors.add(new FieldError("route.pattern", "error.sip.pattern", p));
            return;
        }
        String domain = p.substring(at + 1);
        if (!HostNames.isFqdn(domain)) {
            errors.add(new FieldError("route.pattern", "error.domain_name", domain));
            return;
        }
        boolean duplicate = config.routes().stream()
                .anyMatch(o -> !o.id().equals(r.id()) && o.pattern().equalsIgnoreCase(p));
        if (duplicate) {
            errors.add(new FieldError("route.pattern", "error.duplicate", p));
        }
    }

    /**
     * Problems that do not stop a save: the route's domain is not among the foundation's domains, so no request for
     * it reaches the edge until the domain is added.
     */
    public List<FieldError> routeWarnings(StaticRoute r, EdgeConfig foundation) {
        String domain = domainOf(r.pattern());
        if (domain != null && foundation.domain(domain).isEmpty()) {
            return List.of(new FieldError("route.pattern", "warning.sip.route_domain", domain));
        }
        return List.of();
    }

    /** The domain part of a route pattern, lower case, or null when there is none. */
    public static String domainOf(String pattern) {
        if (pattern == null) {
            return null;
        }
        int at = pattern.lastIndexOf('@');
        return at < 0 ? null : pattern.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean range(int value, String field, int min, int max, List<FieldError> errors) {
        if (value < min || value > max) {
            errors.add(new FieldError(field, "error.sip.range", value, min, max));
            return false;
        }
        return true;
    }
}
