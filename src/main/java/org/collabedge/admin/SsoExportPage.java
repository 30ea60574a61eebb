package org.collabedge.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.collabedge.cert.Fingerprints;
import org.collabedge.config.Deployment;
import org.collabedge.core.EdgeCore;
import org.collabedge.sso.SpAddresses;
import org.collabedge.sso.SsoService;

/**
 * The seed's "Export SAML data": our SP metadata for each deployment on this node, downloaded one by one
 * ({@code ?download=<deployment id>}) or all as a zip ({@code ?download=all}).
 */
final class SsoExportPage implements AdminPage {

    /** One downloadable metadata file. */
    public record Row(String node, String deploymentId, String deploymentName, String entityId, String acsUrl) {
    }

    @Override
    public String name() {
        return "sso-export";
    }

    @Override
    public void get(PageContext page) {
        SsoService sso = page.core().sso();
        SpAddresses a = sso.addresses();
        List<Row> rows = new ArrayList<>();
        for (Deployment d : page.core().config().current().deployments()) {
            rows.add(new Row(page.core().host().nodeId(), d.id(), d.name(), a.entityId(d.id()), a.acsUrl()));
        }
        page.put("rows", rows);
        page.put("publicAddress", a.loginUrl().substring(0, a.loginUrl().indexOf(SpAddresses.LOGIN_PATH)));
        page.put("fingerprint", Fingerprints.sha256(sso.spCredentials().certificate()));
    }

    @Override
    public void post(PageContext page) {
        page.redirect("sso-export");
    }

    /** Answers a download request; false when the request is for the page itself. */
    static boolean download(EdgeCore edge, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String which = req.getParameter("download");
        if (which == null || !"GET".equals(req.getMethod())) {
            return false;
        }
        SsoService sso = edge.sso();
        if ("all".equals(which)) {
            resp.setContentType("application/zip");
            resp.setHeader("Content-Disposition", "attachment; filename=\"collabedge-sp-"
                    + edge.host().nodeId().replaceAll("[^A-Za-z0-9._-]", "_") + ".zip\"");
            resp.getOutputStream().write(sso.spMetadataZip());
            return true;
        }
        if (edge.config().current().deployment(which).isEmpty()) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return true;
        }
        resp.setContentType("application/samlmetadata+xml; charset=UTF-8");
        resp.setHeader("Content-Disposition", "attachment; filename=\"" + sso.fileName(which) + "\"");
        resp.getOutputStream().write(sso.spMetadata(which).getBytes(StandardCharsets.UTF_8));
        return true;
    }
}
