package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StandaloneSettingsTest {

    @TempDir
    Path root;

    private Path data() {
        return root.resolve("data");
    }

    @Test
    void theFirstStartWritesADefaultsFileAndUsesIt() throws IOException {
        StandaloneSettings s = StandaloneSettings.load(data());

        Path file = data().resolve("collabedge.properties");
        assertTrue(Files.exists(file));
        String content = Files.readString(file);
        assertTrue(content.contains("admin.bind=127.0.0.1"), content);
        assertTrue(content.contains("admin.port=9190"), content);
        assertTrue(content.contains("#admin.password="), "documented, not set");
        assertEquals(data(), s.dataDirectory());
        assertEquals("127.0.0.1", s.adminBind());
        assertEquals(StandaloneSettings.DEFAULT_ADMIN_PORT, s.adminPort());
        assertEquals(9190, s.adminPort());
        assertNull(s.adminPassword(), "generated at first start");
        assertEquals("localhost", s.publicHostName());
        assertNotNull(s.nodeId());
        assertFalse(s.nodeId().isBlank());
    }

    @Test
    void theDefaultsFileIsReadableByTheOwnerOnly() throws IOException {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        StandaloneSettings.load(data());

        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data().resolve("collabedge.properties"))));
    }

    @Test
    void anExistingFileIsReadAndLeftAsItIs() throws IOException {
        String content = """
                admin.bind=::1
                admin.port=0
                admin.password=  long-enough  \s
                node.id=edge-dmz-1
                public.host.name=Edge.Example.COM.
                """;
        write(content);

        StandaloneSettings s = StandaloneSettings.load(data());

        assertEquals("::1", s.adminBind());
        assertEquals(0, s.adminPort(), "0 picks a free port");
        assertEquals("long-enough", s.adminPassword());
        assertEquals("edge-dmz-1", s.nodeId());
        assertEquals("edge.example.com", s.publicHostName());
        assertEquals(content, Files.readString(data().resolve("collabedge.properties")));
    }

    @Test
    void anAddressIsAcceptedAsPublicHostName() throws IOException {
        write("public.host.name=192.0.2.10\n");

        assertEquals("192.0.2.10", StandaloneSettings.load(data()).publicHostName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "admin.example.com", "", "127.0.0.1:9190", "256.0.0.1"})
    void adminBindMustBeAnIpAddress(String bind) throws IOException {
        write("admin.bind=" + bind + "\n");

        IllegalArgumentException e = refused();

        assertTrue(e.getMessage().contains("admin.bind"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + bind + "'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "65536", "http", "", "9190.5"})
    void adminPortMustBeAPortNumber(String port) throws IOException {
        write("admin.port=" + port + "\n");

        IllegalArgumentException e = refused();

        assertTrue(e.getMessage().contains("admin.port"), e.getMessage());
        assertTrue(e.getMessage().contains("0-65535"), e.getMessage());
    }

    @Test
    void anAdminPasswordShorterThan8CharactersIsRefusedWithoutBeingEchoed() throws IOException {
        write("admin.password=Short7!\n");

        IllegalArgumentException e = refused();

        assertTrue(e.getMessage().contains("admin.password"), e.getMessage());
        assertTrue(e.getMessage().contains("8"), e.getMessage());
        assertFalse(e.getMessage().contains("Short7!"), "the password is not repeated: " + e.getMessage());
    }

    @Test
    void anAdminPasswordOfExactly8CharactersIsAccepted() throws IOException {
        write("admin.password=Eight8!!\n");

        assertEquals("Eight8!!", StandaloneSettings.load(data()).adminPassword());
    }

    @ParameterizedTest
    @ValueSource(strings = {"edge_1.example.com", "edge example.com", "https://edge.example.com", "[::1]"})
    void publicHostNameMustBeAHostNameOrAnAddress(String name) throws IOException {
        write("public.host.name=" + name + "\n");

        IllegalArgumentException e = refused();

        assertTrue(e.getMessage().contains("public.host.name"), e.getMessage());
    }

    @Test
    void withAdminPortChangesOnlyThePort() {
        StandaloneSettings s = StandaloneSettings.load(data());

        StandaloneSettings moved = s.withAdminPort(0);

        assertEquals(0, moved.adminPort());
        assertEquals(new StandaloneSettings(s.dataDirectory(), s.adminBind(), 0, s.adminPassword(), s.nodeId(),
                s.publicHostName()), moved);
    }

    private void write(String content) throws IOException {
        Files.createDirectories(data());
        Files.writeString(data().resolve("collabedge.properties"), content);
    }

    private IllegalArgumentException refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StandaloneSettings.load(data()));
        assertTrue(e.getMessage().contains("collabedge.properties"), "names the file: " + e.getMessage());
        return e;
    }
}
