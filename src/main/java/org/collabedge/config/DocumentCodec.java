package org.collabedge.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Turns one configuration document into the JSON the host's {@link org.collabedge.host.ConfigStore} keeps, and back:
 * {@code {"version": n, "config": {...}}}. Unknown fields are ignored so an older node can read a newer document.
 */
public final class DocumentCodec<T> {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** The document as stored: a version and the snapshot. */
    public record Document<C>(int version, C config) {
    }

    private final int version;
    private final JavaType documentType;

    public DocumentCodec(Class<T> type, int version) {
        this.version = version;
        this.documentType = MAPPER.getTypeFactory().constructParametricType(Document.class, type);
    }

    public int version() {
        return version;
    }

    public String write(T config) {
        try {
            return MAPPER.writeValueAsString(new Document<>(version, config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a stored document; a document that cannot be read is reported, never silently replaced. */
    public T read(String json) {
        try {
            Document<T> doc = MAPPER.readValue(json, documentType);
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
