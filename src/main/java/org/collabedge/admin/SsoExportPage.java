package org.collabedge.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.collabedge.cert.Fingerprints;
import org.collabedge.config.Deployment;
import org.collabedge.config.EdgeConfig;
import org.collabedge.core.EdgeCore;
import org.collabedge.config.FieldError;
import org.collabedge.config.ValidationException;
import org.collabedge.sso.SpKeyType;
import org.collabedge.sso.SpMetadataExport;
import org.collabedge.sso.SsoService;

/**
 * The seed's "Export SAML data": our SP metadata for every node of the cluster (each under its own public host name,
 * see the "Cluster nodes" page) for one deployment, downloaded one by one
 * ({@code ?download=file&node=<id>&deployment=<id>}) or all as a zip ({@code ?download=zip&deployment=<id>}). With
 * several deployments one must be chosen first, as in the seed.
 */
final class SsoExportPage implements AdminPage {

    @Override
    public String name() {
        return "sso-export";
    }

    @Override
    public void get(PageContext page) {
        EdgeConfig config = page.core().config().current();
        SsoService sso = page.core().sso();
        String selected = selectedDeployment(config, page.param("deployment"));
        page.put("deployments", config.deployments());
        page.put("selected", selected);
        page.put("files", selected == null ? List.of() : sso.export().files(selected));
        page.put("fingerprint", Fingerprints.sha256(sso.spCredentials().certificate()));
        page.put("keyType", sso.spCredentials().keyType().key());
        page.put("keyTypes", java.util.Arrays.stream(SpKeyType.values()).map(SpKeyType::key).toList());
    }

    /** The only form: a new SP key of the chosen type (the seed's metadata must then be exported again). */
    @Override
    public void post(PageContext page) {
        if ("new-key".equals(page.param("action"))) {
            SpKeyType type = SpKeyType.parse(page.param("keyType")).orElseThrow(() -> new ValidationException(
                    new FieldError("spKeyType", "sso.error.key_type", String.valueOf(page.param("keyType")))));
            page.core().sso().replaceSpKey(type);
            page.redirect("sso-export?done=sso_key_replaced");
            return;
        }
        page.redirect("sso-export");
    }

    /** The deployment to export: the only one, or the one chosen; null while several exist and none is chosen. */
    static String selectedDeployment(EdgeConfig config, String requested) {
        if (requested != null && config.deployment(requested).isPresent()) {
            return requested;
        }
        List<Deployment> all = config.deployments();
        return all.size() == 1 ? all.get(0).id() : null;
    }

    /** Answers a download request; false when the request is for the page itself. */
    static boolean download(EdgeCore edge, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String which = req.getParameter("download");
        if (which == null || !"GET".equals(req.getMethod())) {
            return false;
        }
        String deployment = selectedDeployment(edge.config().current(), req.getParameter("deployment"));
        if (deployment == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND, "Choose a deployment first");
            return true;
        }
        SpMetadataExport export = edge.sso().export();
        if ("zip".equals(which)) {
            resp.setContentType("application/zip");
            resp.setHeader("Content-Disposition", "attachment; filename=\"collabedge-sp-"
                    + deployment.replaceAll("[^A-Za-z0-9._-]", "_") + ".zip\"");
            resp.getOutputStream().write(export.zip(deployment));
            return true;
        }
        String node = req.getParameter("node");
        var xml = node == null ? java.util.Optional.<String>empty() : export.metadata(node, deployment);
        if (xml.isEmpty()) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND, "No such node");
            return true;
        }
        resp.setContentType("application/samlmetadata+xml; charset=UTF-8");
        resp.setHeader("Content-Disposition", "attachment; filename=\""
                + SpMetadataExport.fileName(node, deployment) + "\"");
        resp.getOutputStream().write(xml.get().getBytes(StandardCharsets.UTF_8));
        return true;
    }
}
