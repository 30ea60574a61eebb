package org.collabedge.sip.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.collabedge.config.DocumentCodec;
import org.collabedge.config.DocumentListener;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.ExternalChanges;
import org.collabedge.config.FieldError;
import org.collabedge.config.HostNames;
import org.collabedge.config.RestartNotices;
import org.collabedge.config.SharedDocument;
import org.collabedge.config.ValidationException;
import org.collabedge.host.ConfigStore;
import org.collabedge.host.SharedState;

/**
 * Owns the SIP edge's settings document ({@link SipConfig#DOCUMENT}): loads it, validates and stores every change under
 * the cluster-wide lock, and tells the SIP service. Static routes are checked against the foundation's domains, whose
 * absence is a warning rather than a refusal.
 */
public final class SipConfigService implements AutoCloseable {

    static final int VERSION = 1;

    /** A saved route and the warnings the admin should see about it. */
    public record SavedRoute(StaticRoute route, List<FieldError> warnings) {
    }

    private final SharedDocument<SipConfig> document;
    private final Supplier<EdgeConfig> foundation;
    private final SipConfigValidator validator = new SipConfigValidator();
    private AutoCloseable subscription;

    /** @param foundation the current foundation configuration, for the domains routes refer to */
    public SipConfigService(ConfigStore store, SharedState shared, RestartNotices restartNotices,
                            Supplier<EdgeConfig> foundation) {
        this.document = new SharedDocument<>(SipConfig.DOCUMENT, new DocumentCodec<>(SipConfig.class, VERSION),
                SipConfig::defaults, store, shared, restartNotices);
        this.foundation = Objects.requireNonNull(foundation);
    }

    /** Reads the stored document (or the defaults) and follows changes other nodes make. */
    public void load(ExternalChanges externalChanges) {
        document.load();
        subscription = externalChanges.subscribe(document);
    }

    /** Stops following other nodes' changes. */
    @Override
    public void close() {
        AutoCloseable s = subscription;
        subscription = null;
        if (s != null) {
            try {
                s.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public SipConfig current() {
        return document.current();
    }

    public SipConfigValidator validator() {
        return validator;
    }

    /** The SIP service listens here; it returns a restart reason for what it cannot apply live. */
    public void addListener(DocumentListener<SipConfig> listener) {
        document.addListener(listener);
    }

    public void removeListener(DocumentListener<SipConfig> listener) {
        document.removeListener(listener);
    }

    public void saveSettings(SipSettings settings) {
        Objects.requireNonNull(settings);
        document.change(c -> {
            check(validator.settings(settings));
            return new SipConfig(settings, c.routes());
        });
    }

    /** Adds (null id) or replaces a static route; warns, without refusing, when its domain is not served. */
    public SavedRoute saveRoute(StaticRoute route) {
        String id = route.id() == null ? UUID.randomUUID().toString() : route.id();
        StaticRoute r = normalise(id, route);
        document.change(c -> {
            if (route.id() != null && c.routes().stream().noneMatch(x -> x.id().equals(id))) {
                throw new ValidationException(new FieldError("route.pattern", "error.not_found", id));
            }
            check(validator.route(r, c));
            List<StaticRoute> routes = new ArrayList<>(c.routes());
            routes.removeIf(x -> x.id().equals(id));
            routes.add(r);
            routes.sort(Comparator.comparing((StaticRoute x) -> SipConfigValidator.domainOf(x.pattern()))
                    .thenComparing(x -> x.pattern().startsWith("*@")) // user routes before the domain's wildcard
                    .thenComparing(StaticRoute::pattern));
            return new SipConfig(c.settings(), routes);
        });
        return new SavedRoute(r, validator.routeWarnings(r, foundation.get()));
    }

    public void deleteRoute(String id) {
        deleteRoutes(List.of(id));
    }

    /** Deletes several routes at once; refused as a whole when one of them no longer exists. */
    public void deleteRoutes(Collection<String> ids) {
        Set<String> gone = Set.copyOf(ids);
        document.change(c -> {
            for (String id : gone) {
                if (c.routes().stream().noneMatch(x -> x.id().equals(id))) {
                    throw new ValidationException(new FieldError("route.pattern", "error.not_found", id));
                }
            }
            return new SipConfig(c.settings(), c.routes().stream().filter(x -> !gone.contains(x.id())).toList());
        });
    }

    /** Warnings about the stored routes as they stand (a domain removed after its route was added). */
    public List<FieldError> routeWarnings(StaticRoute route) {
        return validator.routeWarnings(route, foundation.get());
    }

    private static StaticRoute normalise(String id, StaticRoute r) {
        String pattern = r.pattern() == null ? null : r.pattern().trim();
        if (pattern != null && pattern.lastIndexOf('@') >= 0) {
            int at = pattern.lastIndexOf('@');
            pattern = pattern.substring(0, at) + "@" + pattern.substring(at + 1).toLowerCase(Locale.ROOT);
        }
        String host = r.nextHopHost() == null || r.nextHopHost().isBlank() ? null
                : HostNames.unbracket(r.nextHopHost());
        if (host != null && !HostNames.isIpLiteral(host)) {
            host = HostNames.normalise(host);
        }
        String description = r.description() == null || r.description().isBlank() ? null : r.description().trim();
        // Verification only means something over TLS; off for the plain transports so the list does not mislead.
        boolean verify = r.tlsVerify() && r.transport() == org.collabedge.config.Transport.TLS;
        return new StaticRoute(id, pattern, host, r.nextHopPort(), r.transport(), verify, description);
    }

    private static void check(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
