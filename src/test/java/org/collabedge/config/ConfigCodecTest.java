package org.collabedge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConfigCodecTest {

    private final ConfigCodec codec = new ConfigCodec();

    private static EdgeConfig sample() {
        Deployment lab = new Deployment("lab-id", "Lab");
        return new EdgeConfig(
                List.of(new Deployment(Deployment.DEFAULT_ID, Deployment.DEFAULT_NAME), lab),
                List.of(new Domain("example.com", true, false, true, true, lab.id())),
                List.of(new InternalServer("s1", ServerType.CALL_CONTROL, "2001:db8::5", 5061, Transport.TLS, false,
                        "edge", lab.id())),
                EdgeSettings.defaults("edge.example.com"));
    }

    @Test
    void writesAVersionedDocumentThatReadsBackEqual() {
        String json = codec.write(sample());

        assertTrue(json.contains("\"version\" : " + ConfigCodec.VERSION), json);
        assertEquals(sample(), codec.read(json));
    }

    @Test
    void membersItDoesNotKnowAreIgnoredSoOlderNodesCanReadNewerDocuments() {
        String json = codec.write(sample()).replaceFirst("\\{", "{ \"addedInVersion2\" : [1, 2, 3],");

        assertEquals(sample(), codec.read(json));
    }

    @Test
    void anUnreadableDocumentIsReported() {
        IllegalStateException notJson = assertThrows(IllegalStateException.class, () -> codec.read("{ nope"));
        assertTrue(notJson.getMessage().startsWith("configuration document is not readable"), notJson.getMessage());

        IllegalStateException noConfig = assertThrows(IllegalStateException.class,
                () -> codec.read("{\"version\": 1}"));
        assertTrue(noConfig.getMessage().contains("'config'"), noConfig.getMessage());
    }
}
