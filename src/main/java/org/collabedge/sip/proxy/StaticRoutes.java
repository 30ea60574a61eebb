package org.collabedge.sip.proxy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.collabedge.sip.config.StaticRoute;

/** Picks the static route for an address: an exact {@code user@domain} pattern wins over {@code *@domain}. */
public final class StaticRoutes {

    private StaticRoutes() {
    }

    public static Optional<StaticRoute> match(List<StaticRoute> routes, String user, String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        String exact = (user == null ? "" : user.toLowerCase(Locale.ROOT)) + "@" + d;
        Optional<StaticRoute> hit = routes.stream()
                .filter(r -> r.pattern().toLowerCase(Locale.ROOT).equals(exact)).findFirst();
        return hit.isPresent() ? hit
                : routes.stream().filter(r -> r.pattern().toLowerCase(Locale.ROOT).equals("*@" + d)).findFirst();
    }
}
