package org.collabedge.config;

/** The codec of the main configuration document, {@link ConfigService#DOCUMENT}. */
public final class ConfigCodec {

    /** Bumped when the document's shape changes in a way readers must know about. */
    public static final int VERSION = 1;

    private final DocumentCodec<EdgeConfig> codec = new DocumentCodec<>(EdgeConfig.class, VERSION);

    public String write(EdgeConfig config) {
        return codec.write(config);
    }

    public EdgeConfig read(String json) {
        return codec.read(json);
    }

    DocumentCodec<EdgeConfig> codec() {
        return codec;
    }
}
