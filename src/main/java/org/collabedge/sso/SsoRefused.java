package org.collabedge.sso;

/** A SAML response or sign-in was refused for {@link #failure()}; the message never contains secrets. */
public final class SsoRefused extends Exception {

    private final SsoFailure failure;

    public SsoRefused(SsoFailure failure) {
        super(failure.logText(), null, false, false);
        this.failure = failure;
    }

    public SsoFailure failure() {
        return failure;
    }
}
