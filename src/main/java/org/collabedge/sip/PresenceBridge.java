package org.collabedge.sip;

import org.collabedge.host.PresencePublisher;
import org.collabedge.host.UserDirectory;
import org.collabedge.sip.registrar.RegistrationListener;

/**
 * SIP registration and calls as XMPP presence of resource "sip" for users of edge-owned domains who are also
 * directory users: available while registered, "dnd" / "On the phone" during a call, unavailable when the last
 * binding goes.
 */
public final class PresenceBridge implements RegistrationListener {

    public static final String RESOURCE = "sip";

    private final UserDirectory users;
    private final PresencePublisher presence;
    /** "user@domain" of everyone this node announced as registered, so expiry can be noticed and announced once. */
    private final java.util.Set<String> announced = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public PresenceBridge(UserDirectory users, PresencePublisher presence) {
        this.users = users;
        this.presence = presence;
    }

    @Override
    public void registered(String user, String domain) {
        if (known(user) && announced.add(user + "@" + domain)) {
            presence.available(user, RESOURCE, PresencePublisher.Show.AVAILABLE, "Registered by SIP");
        }
    }

    @Override
    public void unregistered(String user, String domain) {
        if (announced.remove(user + "@" + domain)) {
            presence.unavailable(user, RESOURCE);
        }
    }

    /**
     * Bindings also lapse without an un-REGISTER: announces "unavailable" for every announced user whose address of
     * record no longer has a binding. The service runs this periodically.
     */
    public void sweep(java.util.function.Predicate<String> stillRegistered) {
        for (String userAtDomain : java.util.List.copyOf(announced)) {
            int at = userAtDomain.lastIndexOf('@');
            String user = userAtDomain.substring(0, at);
            String domain = userAtDomain.substring(at + 1);
            if (!stillRegistered.test(org.collabedge.sip.registrar.LocationStore.aor(user, domain))) {
                unregistered(user, domain);
            }
        }
    }

    /** A call of this user was answered. */
    public void callStarted(String user) {
        if (known(user)) {
            presence.available(user, RESOURCE, PresencePublisher.Show.DND, "On the phone");
        }
    }

    /** A call of this user ended. */
    public void callEnded(String user) {
        if (known(user)) {
            presence.available(user, RESOURCE, PresencePublisher.Show.AVAILABLE, "Registered by SIP");
        }
    }

    private boolean known(String user) {
        return user != null && users.lookup(user).isPresent();
    }
}
