package org.collabedge.admin;

import java.util.List;

import org.collabedge.config.FieldError;
import org.collabedge.config.Transport;
import org.collabedge.sip.config.SipConfigService;
import org.collabedge.sip.config.SipConfigValidator;
import org.collabedge.sip.config.StaticRoute;

/**
 * Static routes, as on the LCS proxy's Routing tab: requests for {@code *@domain} or {@code user@domain} go to a next
 * hop (FQDN for verified TLS). A route for a domain the edge does not serve is saved with a warning.
 */
final class SipRoutesPage implements AdminPage {

    /** A route as listed, with the warnings that apply to it now (in the admin's language). */
    public record Row(StaticRoute route, List<String> warnings) {
    }

    @Override
    public String name() {
        return "sip-routes";
    }

    @Override
    public void get(PageContext page) {
        SipConfigService sip = page.core().sipConfig();
        List<StaticRoute> routes = sip.current().routes();
        page.put("rows", routes.stream().map(r -> new Row(r, sip.routeWarnings(r).stream()
                .map(w -> w.problem(page.messages())).toList())).toList());
        page.put("transports", List.of(Transport.TLS, Transport.TCP, Transport.UDP));
        String edit = page.param("edit");
        if (edit != null) {
            routes.stream().filter(r -> r.id().equals(edit)).findFirst().ifPresent(r -> page.put("editing", r));
        }
    }

    @Override
    public void post(PageContext page) {
        SipConfigService sip = page.core().sipConfig();
        String action = page.param("action");
        switch (action == null ? "save" : action) {
            case "delete" -> {
                sip.deleteRoute(page.param("id"));
                page.redirect("sip-routes?done=route_deleted");
            }
            case "delete-selected" -> {
                List<String> ids = page.params("ids");
                if (ids.isEmpty()) {
                    throw new org.collabedge.config.ValidationException(
                            new FieldError("route.pattern", "error.sip.none_selected"));
                }
                sip.deleteRoutes(ids);
                page.redirect("sip-routes?done=routes_deleted");
            }
            default -> {
                Transport transport = page.choice("transport", Transport.class, "route.transport");
                // No port: DNS NAPTR/SRV decide (RFC 3263).
                int port = page.param("nextHopPort") == null ? SipConfigValidator.DNS_PORT
                        : page.number("nextHopPort", "route.nextHopPort");
                page.failIfParseErrors();
                SipConfigService.SavedRoute saved = sip.saveRoute(new StaticRoute(page.param("id"),
                        page.param("pattern"), page.param("nextHopHost"), port, transport, page.flag("tlsVerify"),
                        page.param("description")));
                page.redirect(saved.warnings().isEmpty() ? "sip-routes?done=route_saved"
                        : "sip-routes?done=route_saved_domain_unknown");
            }
        }
    }
}
