package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileConfigStoreTest {

    @TempDir
    Path data;

    private Path directory() {
        return data.resolve("config");
    }

    @Test
    void savesAndLoadsADocumentAsAJsonFile() throws IOException {
        FileConfigStore store = new FileConfigStore(directory());
        String json = "{\"name\": \"Zürich edge ✓\"}";

        store.save("edge-config", json);

        assertEquals(Optional.of(json), store.load("edge-config"));
        assertEquals(json, Files.readString(directory().resolve("edge-config.json"), StandardCharsets.UTF_8));
        assertEquals(Optional.of(json), new FileConfigStore(directory()).load("edge-config"), "after a restart");
    }

    @Test
    void aMissingDocumentIsEmpty() {
        assertEquals(Optional.empty(), new FileConfigStore(directory()).load("edge-config"));
    }

    @Test
    void saveReplacesAndDeleteRemoves() {
        FileConfigStore store = new FileConfigStore(directory());
        store.save("trusted-cas", "[1]");
        store.save("trusted-cas", "[2]");
        assertEquals(Optional.of("[2]"), store.load("trusted-cas"));

        store.delete("trusted-cas");
        assertEquals(Optional.empty(), store.load("trusted-cas"));
        assertDoesNotThrow(() -> store.delete("trusted-cas"), "deleting what is gone is fine");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../secrets", "..", "a/b", "a\\b", "Edge-Config", ".hidden", "-dash", "_under",
            "edge config", "edge-config.json/..", "nul\u0000"})
    void badDocumentNamesAreRefused(String name) {
        FileConfigStore store = new FileConfigStore(directory());

        assertThrows(IllegalArgumentException.class, () -> store.save(name, "x"));
        assertThrows(IllegalArgumentException.class, () -> store.load(name));
        assertThrows(IllegalArgumentException.class, () -> store.delete(name));
        assertFalse(Files.exists(data.resolve("secrets.json")), "nothing escaped the directory");
    }

    @Test
    void namesHaveAtMost100Characters() {
        FileConfigStore store = new FileConfigStore(directory());

        assertDoesNotThrow(() -> store.save("a".repeat(100), "x"));
        assertThrows(IllegalArgumentException.class, () -> store.save("a".repeat(101), "x"));
    }

    @Test
    void goodNamesUseLowerCaseDigitsDotsDashesAndUnderscores() {
        FileConfigStore store = new FileConfigStore(directory());

        for (String name : List.of("edge-config", "edge.identity", "trusted_cas", "v2", "0")) {
            store.save(name, name);
            assertEquals(Optional.of(name), store.load(name));
        }
    }

    @Test
    void theAtomicWriteLeavesNoTemporaryFile() throws IOException {
        FileConfigStore store = new FileConfigStore(directory());

        store.save("edge-config", "{\"v\": 1}");
        store.save("edge-config", "{\"v\": 2}");

        try (var files = Files.list(directory())) {
            assertEquals(List.of("edge-config.json"), files.map(f -> f.getFileName().toString()).toList());
        }
        assertTrue(Files.notExists(directory().resolve("edge-config.json.tmp")));
    }
}
