package org.collabedge.sso;

/** IdP metadata that cannot be used; {@link #key()} is the i18n key of the reason. */
public final class MetadataProblem extends RuntimeException {

    private final String key;

    public MetadataProblem(String key) {
        super(key);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
