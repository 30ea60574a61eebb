package org.collabedge.config;

/**
 * A named partition of domains and internal servers. The one with id {@link #DEFAULT_ID} always exists: it can be
 * renamed but not deleted, as in the seed.
 */
public record Deployment(String id, String name) {

    public static final String DEFAULT_ID = "default";
    public static final String DEFAULT_NAME = "Default deployment";

    public boolean isDefault() {
        return DEFAULT_ID.equals(id);
    }

    public Deployment withName(String newName) {
        return new Deployment(id, newName);
    }
}
