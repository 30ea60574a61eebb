package org.collabedge.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Turns the configuration into the JSON document the host's {@link org.collabedge.host.ConfigStore} keeps, and
 * back. Unknown fields are ignored so an older node can read a newer document.
 */
public final class ConfigCodec {

    /** Bumped when the document's shape changes in a way readers must know about. */
    public static final int VERSION = 1;

    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** The document as stored: a version and the snapshot. */
    public record Document(int version, EdgeConfig config) {
    }

    public String write(EdgeConfig config) {
        try {
            return mapper.writeValueAsString(new Document(VERSION, config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a stored document; a document that cannot be read is reported, never silently replaced. */
    public EdgeConfig read(String json) {
        try {
            Document doc = mapper.readValue(json, Document.class);
            if (doc.config() == null) {
                throw new IllegalStateException("configuration document has no 'config' member");
            }
            return doc.config();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("configuration document is not readable: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
