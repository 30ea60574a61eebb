package org.collabedge.sip.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.collabedge.host.SecretStore;

/** Per-user SIP secrets in the host's secret store, as UTF-8 under the id {@code sip.secret.<user>}. */
public final class SecretStoreSipSecrets implements SipSecretLookup {

    /** The id scheme shared with the admin pages that set the secrets. */
    public static String secretId(String user) {
        return "sip.secret." + user;
    }

    private final SecretStore store;

    public SecretStoreSipSecrets(SecretStore store) {
        this.store = store;
    }

    @Override
    public Optional<char[]> secretOf(String user) {
        if (user == null || user.isEmpty()) {
            return Optional.empty();
        }
        return store.get(secretId(user)).map(bytes -> {
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
            char[] out = Arrays.copyOf(chars.array(), chars.limit());
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(chars.array(), '\0');
            return out;
        });
    }
}
