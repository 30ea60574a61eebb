package org.collabedge.host;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where configuration documents persist: Openfire's properties table, or files in the standalone data directory.
 * A document is a named text (JSON written by the core); the store does not interpret it.
 */
public interface ConfigStore {

    Optional<String> load(String document);

    void save(String document, String content);

    void delete(String document);

    /**
     * Registers a listener told the name of a document changed by another node (or by hand on disk), so services
     * can reload it. Changes made through {@link #save} on this node are not echoed back.
     */
    void onExternalChange(Consumer<String> listener);
}
