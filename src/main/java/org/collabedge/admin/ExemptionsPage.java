package org.collabedge.admin;

import java.net.InetAddress;

import org.collabedge.protection.ProtectionService;

/** Addresses and CIDR blocks intrusion protection never bans, and the internal servers exempt automatically. */
final class ExemptionsPage implements AdminPage {

    @Override
    public String name() {
        return "exemptions";
    }

    @Override
    public void get(PageContext page) {
        ProtectionService service = page.core().protectionService();
        page.put("exemptions", service.config().current().exemptions());
        page.put("servers", service.exemptServers().stream().map(InetAddress::getHostAddress).sorted().toList());
    }

    @Override
    public void post(PageContext page) {
        ProtectionService service = page.core().protectionService();
        if ("delete".equals(page.param("action"))) {
            service.removeExemption(page.param("exemption"));
            page.redirect("exemptions?done=exemption_removed");
        } else {
            service.addExemption(page.param("exemption"));
            page.redirect("exemptions?done=exemption_added");
        }
    }
}
