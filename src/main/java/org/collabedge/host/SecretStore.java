package org.collabedge.host;

import java.util.Optional;

/**
 * Secrets: passwords of internal servers, private keys, per-user SIP secrets. Implementations keep them encrypted
 * at rest; callers must never log or display what they get back.
 */
public interface SecretStore {

    void put(String id, byte[] secret);

    Optional<byte[]> get(String id);

    void delete(String id);

    boolean contains(String id);
}
