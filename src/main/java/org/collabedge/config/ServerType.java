package org.collabedge.config;

import java.util.List;

/** Kinds of internal server the edge reaches, each with the transports it may be reached over. */
public enum ServerType {
    CALL_CONTROL(List.of(Transport.TLS, Transport.TCP, Transport.UDP), 5061),
    IM_AND_PRESENCE(List.of(Transport.TLS, Transport.TCP), 5222),
    VOICEMAIL(List.of(Transport.HTTPS, Transport.HTTP), 443),
    WEB_SERVICE(List.of(Transport.HTTPS, Transport.HTTP), 443),
    CONFIG_DOWNLOAD(List.of(Transport.HTTPS, Transport.HTTP, Transport.TFTP), 6970);

    private final List<Transport> transports;
    private final int defaultPort;

    ServerType(List<Transport> transports, int defaultPort) {
        this.transports = transports;
        this.defaultPort = defaultPort;
    }

    public List<Transport> transports() {
        return transports;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The transport offered first on the form: the secure one. */
    public Transport defaultTransport() {
        return transports.get(0);
    }

    /** Lower-case, dashed name used in URLs and i18n keys. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
