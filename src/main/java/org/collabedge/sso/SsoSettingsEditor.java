package org.collabedge.sso;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.collabedge.config.ConfigService;
import org.collabedge.config.FieldError;
import org.collabedge.config.SharedDocument;
import org.collabedge.config.ValidationException;

/**
 * Every change an admin makes to the SSO settings, validated: each refusal is a {@link ValidationException} naming
 * the field ({@code metadata}, {@code metadataUrl}, {@code digest}, {@code domains}, {@code uidAttribute},
 * {@code clockSkew}) and the problem, and a refused change stores nothing.
 */
public final class SsoSettingsEditor {

    private final SharedDocument<SsoSettings> document;
    private final ConfigService config;
    private final IdpMetadataParser parser;
    private final MetadataFetcher fetcher;

    SsoSettingsEditor(SharedDocument<SsoSettings> document, ConfigService config, IdpMetadataParser parser,
                      MetadataFetcher fetcher) {
        this.document = document;
        this.config = config;
        this.parser = parser;
        this.fetcher = fetcher;
    }

    /** Imports (or re-imports, keeping its domains) an IdP from uploaded metadata. */
    public IdentityProvider importMetadata(String xml, String digest, String source) {
        SignatureDigest d = digest(digest);
        if (xml == null || xml.isBlank()) {
            throw new ValidationException(new FieldError("metadata", "sso.error.metadata_missing"));
        }
        IdpMetadata parsed;
        try {
            parsed = parser.parse(xml);
        } catch (MetadataProblem e) {
            throw new ValidationException(new FieldError("metadata", e.key()));
        }
        IdentityProvider idp = new IdentityProvider(parsed.entityId(), xml, d, source);
        document.change(s -> s.withIdentityProvider(idp));
        return idp;
    }

    /** Fetches metadata over verified https and imports it. */
    public IdentityProvider importFromUrl(String url, String digest) {
        digest(digest);
        if (url == null || url.isBlank()) {
            throw new ValidationException(new FieldError("metadataUrl", "sso.error.url_invalid"));
        }
        String xml;
        try {
            xml = fetcher.fetch(url);
        } catch (MetadataProblem e) {
            throw new ValidationException(new FieldError("metadataUrl", e.key(), withoutUserInfo(url)));
        }
        return importMetadata(xml, digest, url.trim());
    }

    /** The URL for an error message, any user:password@ part cut (the fetcher refuses those anyway). */
    private static String withoutUserInfo(String url) {
        return url.trim().replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@", "$1");
    }

    public void setDigest(String entityId, String digest) {
        SignatureDigest d = digest(digest);
        document.change(s -> s.withIdentityProvider(known(s, entityId).withDigest(d)));
    }

    public void delete(String entityId) {
        document.change(s -> {
            known(s, entityId);
            return s.withoutIdentityProvider(entityId);
        });
    }

    /**
     * Makes {@code domains} the domains of this IdP. A domain of another IdP is transferred (the seed's
     * "(Transfer)"); only domains configured on the edge are accepted.
     */
    public void associateDomains(String entityId, List<String> domains) {
        List<String> wanted = new ArrayList<>();
        for (String d : domains) {
            String name = d.trim().toLowerCase(Locale.ROOT);
            if (config.current().domain(name).isEmpty()) {
                throw new ValidationException(new FieldError("domains", "sso.error.domain_unknown", d));
            }
            wanted.add(name);
        }
        document.change(s -> {
            known(s, entityId);
            return s.withDomains(entityId, wanted);
        });
    }

    public void setOptions(String uidAttribute, int clockSkewSeconds) {
        List<FieldError> errors = new ArrayList<>();
        if (uidAttribute == null || !uidAttribute.matches("[A-Za-z0-9_.:/-]{1,256}")) {
            errors.add(new FieldError("uidAttribute", "sso.error.uid_attribute"));
        }
        if (clockSkewSeconds < 0 || clockSkewSeconds > 600) {
            errors.add(new FieldError("clockSkew", "sso.error.clock_skew", clockSkewSeconds));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        document.change(s -> s.withOptions(uidAttribute.trim(), clockSkewSeconds));
    }

    /** The request the edge sends internal call control when "check for internal SSO availability" is on. */
    public void setInternalCheck(InternalSsoQuery query) {
        InternalSsoQuery valid = query.validated();
        document.change(s -> s.withInternalCheck(valid));
    }

    private static IdentityProvider known(SsoSettings s, String entityId) {
        return s.identityProvider(entityId).orElseThrow(() -> new ValidationException(
                new FieldError("entityId", "sso.error.idp_unknown", entityId)));
    }

    private static SignatureDigest digest(String value) {
        SignatureDigest d = value == null || value.isBlank() ? SignatureDigest.SHA256 : SignatureDigest.parse(value);
        if (d == null) {
            throw new ValidationException(new FieldError("digest", "sso.error.digest", value));
        }
        return d;
    }
}
