package org.collabedge.config;

/** A mutable copy of the settings, so each test changes just the fields it is about. */
final class SettingsDraft {
    String publicHostName;
    String listenAddress;
    boolean sipTlsEnabled;
    int sipTlsPort;
    boolean sipTcpEnabled;
    int sipTcpPort;
    boolean sipUdpEnabled;
    int sipUdpPort;
    boolean sipWssEnabled;
    int sipWssPort;
    int httpsPort;
    int mediaPortMin;
    int mediaPortMax;
    boolean turnEnabled;
    int turnPort;

    SettingsDraft(EdgeSettings s) {
        publicHostName = s.publicHostName();
        listenAddress = s.listenAddress();
        sipTlsEnabled = s.sipTlsEnabled();
        sipTlsPort = s.sipTlsPort();
        sipTcpEnabled = s.sipTcpEnabled();
        sipTcpPort = s.sipTcpPort();
        sipUdpEnabled = s.sipUdpEnabled();
        sipUdpPort = s.sipUdpPort();
        sipWssEnabled = s.sipWssEnabled();
        sipWssPort = s.sipWssPort();
        httpsPort = s.httpsPort();
        mediaPortMin = s.mediaPortMin();
        mediaPortMax = s.mediaPortMax();
        turnEnabled = s.turnEnabled();
        turnPort = s.turnPort();
    }

    EdgeSettings build() {
        return new EdgeSettings(publicHostName, listenAddress, sipTlsEnabled, sipTlsPort, sipTcpEnabled,
                sipTcpPort, sipUdpEnabled, sipUdpPort, sipWssEnabled, sipWssPort, httpsPort, mediaPortMin,
                mediaPortMax, turnEnabled, turnPort);
    }
}
