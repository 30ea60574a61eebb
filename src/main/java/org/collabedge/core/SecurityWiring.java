package org.collabedge.core;

import java.util.Deque;

import org.collabedge.auth.IdentityService;
import org.collabedge.auth.PasswordCheck;
import org.collabedge.auth.TokenVerifier;
import org.collabedge.host.HostContext;
import org.collabedge.protection.Protection;
import org.collabedge.protection.ProtectionService;

/**
 * Who may come in: intrusion protection and rate control (every listener reports failures to it and asks its gate,
 * so it starts first), then edge identity (tokens, password check with credential caching).
 */
record SecurityWiring(ProtectionService protectionService, IdentityService identity) {

    static SecurityWiring start(HostContext host, Foundation base, Deque<Runnable> started) {
        ProtectionService protectionService = new ProtectionService(host, base.config(), base.externalChanges(),
                base.metrics(), base.restartNotices());
        protectionService.start();
        started.push(protectionService::stop);
        IdentityService identity = new IdentityService(host, base.restartNotices(), base.externalChanges(),
                protectionService.protection(), base.metrics());
        identity.start();
        started.push(identity::stop);
        return new SecurityWiring(protectionService, identity);
    }

    Protection protection() {
        return protectionService.protection();
    }

    TokenVerifier tokenVerifier() {
        return identity.tokens();
    }

    PasswordCheck passwordCheck() {
        return identity.passwordCheck();
    }
}
