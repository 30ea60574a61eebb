package org.collabedge.admin;

import org.collabedge.config.EdgeSettings;
import org.collabedge.config.ReservedPorts;

/** The edge's public name and listeners, with Openfire's own ports listed as off limits. */
final class EdgeSettingsPage implements AdminPage {

    @Override
    public String name() {
        return "edge-settings";
    }

    @Override
    public void get(PageContext page) {
        page.put("settings", page.core().config().current().settings());
        page.put("reservedPorts", ReservedPorts.all());
    }

    @Override
    public void post(PageContext page) {
        EdgeSettings s = new EdgeSettings(page.param("publicHostName"), page.param("listenAddress"),
                page.flag("sipTlsEnabled"), page.number("sipTlsPort", "settings.sipTlsPort"),
                page.flag("sipTcpEnabled"), page.number("sipTcpPort", "settings.sipTcpPort"),
                page.flag("sipUdpEnabled"), page.number("sipUdpPort", "settings.sipUdpPort"),
                page.flag("sipWssEnabled"), page.number("sipWssPort", "settings.sipWssPort"),
                page.number("httpsPort", "settings.httpsPort"),
                page.number("mediaPortMin", "settings.mediaPortMin"),
                page.number("mediaPortMax", "settings.mediaPortMax"),
                page.flag("turnEnabled"), page.number("turnPort", "settings.turnPort"));
        page.failIfParseErrors();
        page.core().config().saveSettings(s);
        page.redirect("edge-settings?done=settings_saved");
    }
}
