package org.collabedge.sip.auth;

import java.util.List;

/**
 * Who has a SIP secret: the secret store cannot list its entries, so this small document (names only, never the
 * secrets) lets the admin page list them on every node.
 */
public record SecretHolders(List<String> users) {

    public static final String DOCUMENT = "sip-secret-holders";

    public SecretHolders {
        users = List.copyOf(users);
    }

    public static SecretHolders none() {
        return new SecretHolders(List.of());
    }
}
