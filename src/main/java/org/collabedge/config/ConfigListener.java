package org.collabedge.config;

/** A listener on the main configuration document ({@link EdgeConfig}). */
@FunctionalInterface
public interface ConfigListener extends DocumentListener<EdgeConfig> {
}
