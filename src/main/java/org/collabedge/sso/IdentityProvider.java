package org.collabedge.sso;

import java.util.Objects;

/**
 * An identity provider as imported: its entity ID, the metadata it was imported from (the source of its signing
 * keys and sign-in address), the digest for our requests to it, and where the metadata came from.
 *
 * @param source "upload" or the URL it was fetched from
 */
public record IdentityProvider(String entityId, String metadata, SignatureDigest digest, String source) {

    public IdentityProvider {
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(metadata, "metadata");
        digest = digest == null ? SignatureDigest.SHA256 : digest;
        source = source == null ? "upload" : source;
    }

    public IdentityProvider withDigest(SignatureDigest newDigest) {
        return new IdentityProvider(entityId, metadata, newDigest, source);
    }
}
