package org.collabedge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;

import org.collabedge.i18n.Messages;
import org.junit.jupiter.api.function.Executable;

/**
 * A {@link ConfigService} over the standalone adapters ({@link ConfigNodes}), holding the domain example.com and
 * one call control server, and the check every validation test makes of a refused change: it names the field and
 * the problem, reads well in English, and leaves the stored configuration as it was. One per test; closing it
 * deletes the directory.
 */
final class RefusalCheck implements AutoCloseable {

    static final Messages EN = Messages.english();
    static final int[] OPENFIRE_PORTS = {5222, 5223, 5269, 5270, 5275, 5276, 7070, 7443, 9090, 9091, 7777};

    private final ConfigNodes nodes = new ConfigNodes();
    private final ConfigService service = nodes.newNode();

    RefusalCheck() {
        service.saveDomain(null, domain("example.com", Deployment.DEFAULT_ID));
        service.saveServer(server(ServerType.CALL_CONTROL, "cucm.example.com", 5061, Transport.TLS, true), null);
    }

    ConfigService service() {
        return service;
    }

    /**
     * Runs a change that must be refused with {@code field} and {@code key}; checks the English text and that
     * nothing stored moved. Returns the matching error for further checks.
     */
    FieldError refused(Executable change, String field, String key) {
        EdgeConfig before = service.current();
        String storedBefore = stored();

        ValidationException e = assertThrows(ValidationException.class, change);

        FieldError error = e.errors().stream().filter(x -> x.field().equals(field) && x.problemKey().equals(key))
                .findFirst().orElse(null);
        if (error == null) {
            fail("expected " + field + " / " + key + " but got " + e.errors());
        }
        assertTrue(EN.has(key), key + " is in the English bundle");
        assertTrue(EN.has("field." + field), "field." + field + " is in the English bundle");
        String text = error.describe(EN);
        assertTrue(text.startsWith(EN.get("field." + field) + ": "), text);
        String problem = error.problem(EN);
        assertNotEquals(key, problem);
        assertFalse(problem.contains("{"), "all arguments filled in: " + problem);
        assertTrue(e.getMessage().contains(text), "the exception message says it in English: " + e.getMessage());
        assertEquals(before, service.current(), "the refused change is not in effect");
        assertEquals(storedBefore, stored(), "the refused change is not stored");
        return error;
    }

    private String stored() {
        try {
            return Files.readString(nodes.configFile());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Domain domain(String name, String deploymentId) {
        return new Domain(name, true, false, false, false, deploymentId);
    }

    static InternalServer server(ServerType type, String address, int port, Transport transport, boolean verify) {
        return new InternalServer(null, type, address, port, transport, verify, null, Deployment.DEFAULT_ID);
    }

    @Override
    public void close() throws IOException {
        nodes.close();
    }
}
