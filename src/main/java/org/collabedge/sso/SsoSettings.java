package org.collabedge.sso;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SAML service provider's settings, one shared document ({@value SsoService#DOCUMENT}).
 *
 * @param identityProviders imported IdPs, by entity ID
 * @param domainIdps        domain name to the entity ID of its IdP: many domains to one IdP, one IdP per domain
 * @param uidAttribute      the assertion attribute naming the user (the seed's {@code uid})
 * @param clockSkewSeconds  how far the IdP's clock may be from ours when checking validity times
 * @param spCertificate     the PEM certificate of our signing/encryption key (the key is in the secret store)
 * @param internalCheck     how to ask internal call control whether SSO is available (absent in older documents)
 */
public record SsoSettings(List<IdentityProvider> identityProviders, Map<String, String> domainIdps,
                          String uidAttribute, int clockSkewSeconds, String spCertificate,
                          InternalSsoQuery internalCheck) {

    public static final String DEFAULT_UID_ATTRIBUTE = "uid";
    public static final int DEFAULT_CLOCK_SKEW = 60;

    public SsoSettings {
        identityProviders = identityProviders == null ? List.of() : List.copyOf(identityProviders);
        domainIdps = domainIdps == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(domainIdps));
        uidAttribute = uidAttribute == null ? DEFAULT_UID_ATTRIBUTE : uidAttribute;
        internalCheck = internalCheck == null ? InternalSsoQuery.defaults() : internalCheck;
    }

    public static SsoSettings defaults() {
        return new SsoSettings(List.of(), Map.of(), DEFAULT_UID_ATTRIBUTE, DEFAULT_CLOCK_SKEW, null, null);
    }

    public Optional<IdentityProvider> identityProvider(String entityId) {
        return identityProviders.stream().filter(i -> i.entityId().equals(entityId)).findFirst();
    }

    /** The IdP a domain is associated with. */
    public Optional<IdentityProvider> forDomain(String domain) {
        String id = domainIdps.get(domain == null ? null : domain.toLowerCase(java.util.Locale.ROOT));
        return id == null ? Optional.empty() : identityProvider(id);
    }

    /** The domains associated with an IdP, sorted. */
    public List<String> domainsOf(String entityId) {
        return domainIdps.entrySet().stream().filter(e -> e.getValue().equals(entityId)).map(Map.Entry::getKey)
                .sorted().toList();
    }

    /** Adds or replaces an IdP (same entity ID), keeping its domains. */
    public SsoSettings withIdentityProvider(IdentityProvider idp) {
        List<IdentityProvider> list = new ArrayList<>(identityProviders);
        list.removeIf(i -> i.entityId().equals(idp.entityId()));
        list.add(idp);
        return new SsoSettings(list, domainIdps, uidAttribute, clockSkewSeconds, spCertificate, internalCheck);
    }

    /** Removes an IdP and its domain associations. */
    public SsoSettings withoutIdentityProvider(String entityId) {
        List<IdentityProvider> list = new ArrayList<>(identityProviders);
        list.removeIf(i -> i.entityId().equals(entityId));
        Map<String, String> domains = new LinkedHashMap<>(domainIdps);
        domains.values().removeIf(entityId::equals);
        return new SsoSettings(list, domains, uidAttribute, clockSkewSeconds, spCertificate, internalCheck);
    }

    /**
     * Makes {@code domains} exactly the set associated with this IdP: checked domains move here (the seed's
     * "Transfer" from another IdP), unchecked ones that were here lose their association.
     */
    public SsoSettings withDomains(String entityId, List<String> domains) {
        Map<String, String> map = new LinkedHashMap<>(domainIdps);
        map.values().removeIf(entityId::equals);
        for (String d : domains) {
            map.put(d.toLowerCase(java.util.Locale.ROOT), entityId);
        }
        return new SsoSettings(identityProviders, map, uidAttribute, clockSkewSeconds, spCertificate, internalCheck);
    }

    public SsoSettings withOptions(String newUidAttribute, int newSkew) {
        return new SsoSettings(identityProviders, domainIdps, newUidAttribute, newSkew, spCertificate, internalCheck);
    }

    public SsoSettings withSpCertificate(String pem) {
        return new SsoSettings(identityProviders, domainIdps, uidAttribute, clockSkewSeconds, pem, internalCheck);
    }

    public SsoSettings withInternalCheck(InternalSsoQuery query) {
        return new SsoSettings(identityProviders, domainIdps, uidAttribute, clockSkewSeconds, spCertificate, query);
    }
}
