package org.collabedge.sip.registrar;

/** Hears when an address of record gains its first binding or loses its last one (the presence bridge). */
public interface RegistrationListener {

    RegistrationListener NONE = new RegistrationListener() {
        @Override
        public void registered(String user, String domain) {
        }

        @Override
        public void unregistered(String user, String domain) {
        }
    };

    void registered(String user, String domain);

    void unregistered(String user, String domain);
}
