package org.collabedge.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.collabedge.host.ConfigStore;

/**
 * Configuration documents as files in {@code <data>/config/<document>.json}. A single standalone node has no other
 * writers, so no change notifications are raised; edits by hand take effect at the next start.
 */
public final class FileConfigStore implements ConfigStore {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    private final Path directory;

    public FileConfigStore(Path directory) {
        this.directory = directory;
    }

    @Override
    public Optional<String> load(String document) {
        Path file = file(document);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void save(String document, String content) {
        AtomicFiles.write(file(document), content, false);
    }

    @Override
    public void delete(String document) {
        try {
            Files.deleteIfExists(file(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onExternalChange(Consumer<String> listener) {
        // One node, one writer: nothing changes behind our back while running.
    }

    private Path file(String document) {
        if (!NAME.matcher(document).matches()) {
            throw new IllegalArgumentException("not a document name: " + document);
        }
        return directory.resolve(document + ".json");
    }
}
