package org.collabedge.admin;

import java.util.Arrays;
import java.util.List;

import org.collabedge.config.FieldError;
import org.collabedge.config.ValidationException;
import org.collabedge.sip.cluster.PeerSettings;
import org.collabedge.sip.cluster.PeerSettingsValidator;
import org.collabedge.sip.config.RegistrationMode;
import org.collabedge.sip.config.SipSettings;
import org.collabedge.sip.config.WebSocketOrigins;

/**
 * The SIP edge's behaviour: registration mode (Contact rewrite or the seed's "SIP Path headers"), authentication at
 * the edge, digest algorithms, registration intervals, the RFC 5626 flow timer, and the web sites whose pages may
 * open the SIP WebSocket.
 */
final class SipSettingsPage implements AdminPage {

    /** Digest algorithm choices in preference order, as offered in the form. */
    static final List<String> ALGORITHM_CHOICES = List.of("SHA-256,MD5", "SHA-256", "MD5,SHA-256", "MD5");

    @Override
    public String name() {
        return "sip-settings";
    }

    @Override
    public void get(PageContext page) {
        SipSettings s = page.core().sipConfig().current().settings();
        page.put("settings", s);
        page.put("algorithms", String.join(",", s.digestAlgorithms()));
        page.put("origins", String.join("\n", s.allowedWebSocketOrigins()));
        page.put("algorithmChoices", ALGORITHM_CHOICES);
        page.put("modes", RegistrationMode.values());
        page.put("peer", page.core().sipPeerSettings().current());
        page.put("peerAdvertised", page.core().nodes().self().endpoint(org.collabedge.sip.cluster.SipCluster.ADVERTISED)
                .orElse(null));
        page.put("listeners", SipListenerRows.of(page.core().config().current().settings(), page.core().sipStatus()));
    }

    /**
     * One origin per line (commas and spaces also separate), stored in serialized form (lower case, no default
     * port) so what the page shows is what the handshake compares; entries that are not origins stay as typed for
     * the validator to name.
     */
    static List<String> origins(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\s,]+")).filter(o -> !o.isEmpty())
                .map(o -> WebSocketOrigins.canonical(o).orElse(o)).toList();
    }

    @Override
    public void post(PageContext page) {
        RegistrationMode mode = page.choice("registrationMode", RegistrationMode.class, "sip.registrationMode");
        String algorithms = page.param("digestAlgorithms");
        SipSettings s = new SipSettings(mode, page.flag("edgeAuthForInternal"),
                algorithms == null ? List.of() : Arrays.stream(algorithms.split(",")).map(String::trim).toList(),
                page.flag("bearerTokens"),
                page.number("minExpiresSeconds", "sip.minExpiresSeconds"),
                page.number("maxExpiresSeconds", "sip.maxExpiresSeconds"),
                page.number("defaultExpiresSeconds", "sip.defaultExpiresSeconds"),
                page.number("flowTimerSeconds", "sip.flowTimerSeconds"), origins(page.param("allowedWebSocketOrigins")));
        String peerPort = page.param("peerPort");
        PeerSettings peer = new PeerSettings(page.param("peerAddress"),
                peerPort == null ? 0 : page.number("peerPort", PeerSettingsValidator.PORT));
        page.failIfParseErrors();
        // Both parts checked before either is stored, so a refusal shows every problem and saves nothing.
        List<FieldError> errors = new java.util.ArrayList<>(page.core().sipConfig().validator().settings(s));
        errors.addAll(new PeerSettingsValidator().check(peer, page.core().config().current().settings()));
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        page.core().sipConfig().saveSettings(s);
        if (!peer.equals(page.core().sipPeerSettings().current())) {
            page.core().sipPeerSettings().save(peer);
        }
        page.redirect("sip-settings?done=sip_settings_saved");
    }
}
