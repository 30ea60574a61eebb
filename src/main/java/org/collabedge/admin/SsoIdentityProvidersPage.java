package org.collabedge.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.collabedge.config.Domain;
import org.collabedge.sso.IdentityProvider;
import org.collabedge.sso.SignatureDigest;
import org.collabedge.sso.SsoService;
import org.collabedge.sso.SsoSettings;

/**
 * The seed's "Identity providers (IdP)": import from a SAML metadata file or URL, list by entity ID with domains
 * and digest, configure digest, associate domains (with "(Transfer)"), delete; plus the user attribute and skew.
 */
final class SsoIdentityProvidersPage implements AdminPage {

    /** One row of the list. */
    public record Row(String entityId, String digest, String source, List<String> domains) {
    }

    /** One domain in the "Associate domains" form. */
    public record DomainChoice(String name, boolean checked, String otherIdp) {
    }

    @Override
    public String name() {
        return "sso-idps";
    }

    @Override
    public void get(PageContext page) {
        SsoService sso = page.core().sso();
        SsoSettings s = sso.settings();
        List<Row> rows = new ArrayList<>();
        for (IdentityProvider i : s.identityProviders()) {
            rows.add(new Row(i.entityId(), i.digest().name(), i.source(), s.domainsOf(i.entityId())));
        }
        page.put("idps", rows);
        page.put("digests", List.of(SignatureDigest.values()));
        page.put("settings", s);
        page.put("mode", "sso.mode." + sso.policy().ssoMode().name());
        page.put("checkInternal", sso.policy().checkInternalSsoAvailability() ? "common.yes" : "common.no");
        String associate = page.param("associate");
        if (associate != null && s.identityProvider(associate).isPresent()) {
            List<DomainChoice> choices = new ArrayList<>();
            Map<String, String> map = s.domainIdps();
            for (Domain d : page.core().config().current().domains()) {
                String current = map.get(d.name());
                choices.add(new DomainChoice(d.name(), associate.equals(current),
                        current != null && !associate.equals(current) ? current : null));
            }
            page.put("associate", associate);
            page.put("domainChoices", choices);
        }
    }

    @Override
    public void post(PageContext page) {
        var editor = page.core().sso().editor();
        String action = page.param("action");
        String entityId = page.param("entityId");
        switch (action == null ? "" : action) {
            case "import" -> {
                editor.importMetadata(page.rawParam("metadata"), page.param("digest"), "upload");
                page.redirect("sso-idps?done=sso_idp_imported");
            }
            case "import_url" -> {
                editor.importFromUrl(page.param("metadataUrl"), page.param("digest"));
                page.redirect("sso-idps?done=sso_idp_imported");
            }
            case "digest" -> {
                editor.setDigest(entityId, page.param("digest"));
                page.redirect("sso-idps?done=sso_digest_saved");
            }
            case "delete" -> {
                editor.delete(entityId);
                page.redirect("sso-idps?done=sso_idp_deleted");
            }
            case "associate" -> {
                List<String> chosen = new ArrayList<>();
                for (Domain d : page.core().config().current().domains()) {
                    if (page.flag("domain:" + d.name())) {
                        chosen.add(d.name());
                    }
                }
                editor.associateDomains(entityId, chosen);
                page.redirect("sso-idps?done=sso_domains_saved");
            }
            case "options" -> {
                int skew = page.number("clockSkew", "clockSkew");
                page.failIfParseErrors();
                editor.setOptions(page.param("uidAttribute"), skew);
                page.redirect("sso-idps?done=sso_options_saved");
            }
            case "internal-check" -> {
                int port = page.number("internalCheckPort", "internalCheckPort");
                int timeout = page.number("internalCheckTimeout", "internalCheckTimeout");
                page.failIfParseErrors();
                editor.setInternalCheck(new org.collabedge.sso.InternalSsoQuery(page.param("internalCheckPath"),
                        port, timeout));
                page.redirect("sso-idps?done=sso_internal_check_saved");
            }
            default -> page.redirect("sso-idps");
        }
    }
}
