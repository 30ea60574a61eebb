package org.collabedge.cert;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509TrustManager;

import org.collabedge.host.ConfigStore;
import org.collabedge.host.SecretStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's TLS identity and the CAs it trusts, for every service that speaks TLS (SIP, HTTPS proxy, SSO).
 * At first start it generates a self-signed certificate for the public host name so TLS works at once; an admin
 * later uploads a CA-issued certificate, which is never replaced automatically. Outbound TLS verification is always
 * on: the trust manager trusts the admin's CA list (plus, by default, the JVM's CAs) and nothing else.
 *
 * <p>State lives in the host ports only (see {@link IdentityStore} and {@link TrustedCaStore}): certificates in
 * the {@link ConfigStore}, the private key in the {@link SecretStore}. A change made on another node arrives as
 * a ConfigStore external-change event and is applied here, so all nodes present the same identity.
 */
public final class CertificateService {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateService.class);

    private final ConfigStore configs;
    private final Clock clock;
    private final IdentityStore identities;
    private final TrustedCaList trusted;
    private final SelfSignedCertificateFactory selfSigned;
    private final List<Runnable> identityListeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    private volatile EdgeIdentity identity;
    private volatile boolean running;

    /** Trusts the admin's CA list and the JVM's default CAs. */
    public CertificateService(ConfigStore configs, SecretStore secrets, Clock clock) {
        this(configs, secrets, clock, true);
    }

    /**
     * @param includeSystemCas whether the JVM's default CAs (cacerts) are trusted besides the admin's list; true
     *                         suits public services (IdP metadata, update servers), false pins outbound TLS to the
     *                         admin's list alone
     */
    public CertificateService(ConfigStore configs, SecretStore secrets, Clock clock, boolean includeSystemCas) {
        this.configs = Objects.requireNonNull(configs, "configs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.identities = new IdentityStore(configs, Objects.requireNonNull(secrets, "secrets"));
        this.trusted = new TrustedCaList(new TrustedCaStore(configs), includeSystemCas);
        this.selfSigned = new SelfSignedCertificateFactory(clock);
    }

    /**
     * Loads the stored identity and CA list. Without a stored identity, or when the stored one is a generated
     * certificate that no longer fits (other host name, expired), a self-signed one is generated and stored.
     * May be called again after {@link #stop()}.
     */
    public void start(String publicHostName) {
        EdgeIdentity previous;
        EdgeIdentity current;
        synchronized (lock) {
            trusted.reload();
            previous = identity;
            Optional<EdgeIdentity> stored = identities.load();
            if (stored.isPresent() && !needsRegeneration(stored.get(), publicHostName)) {
                identity = stored.get();
                LOG.info("TLS identity loaded: {}", identity);
            } else {
                generate(publicHostName);
            }
            current = identity;
            running = true;
        }
        if (previous == null || !previous.sha256Fingerprint().equals(current.sha256Fingerprint())) {
            fireIdentityChanged();
        }
    }

    /** Stops reacting to changes from other nodes. The last identity stays readable. */
    public void stop() {
        running = false;
    }

    /** @throws IllegalStateException before the first {@link #start(String)} */
    public EdgeIdentity identity() {
        EdgeIdentity current = identity;
        if (current == null) {
            throw new IllegalStateException("CertificateService has not been started");
        }
        return current;
    }

    /**
     * Follows a change of the public host name: a generated certificate that does not name it is regenerated;
     * an uploaded certificate is left alone (the admin page warns via {@link EdgeIdentity#coversHost(String)}).
     */
    public void publicHostNameChanged(String newName) {
        synchronized (lock) {
            EdgeIdentity current = identity();
            if (!current.selfSigned() || current.coversHost(newName)) {
                return;
            }
            generate(newName);
        }
        fireIdentityChanged();
    }

    /** Replaces the identity, uploaded or not, with a new self-signed certificate for the host name. */
    public void regenerateSelfSigned(String publicHostName) {
        synchronized (lock) {
            generate(publicHostName);
        }
        fireIdentityChanged();
    }

    /**
     * Installs an uploaded certificate and key after checking them (see {@link UploadedIdentityParser}).
     *
     * @param chainPem    intermediates in any order; may be blank (they may also follow the certificate)
     * @param keyPassword for an encrypted key; may be null
     * @throws CertificateProblem saying what is wrong; nothing is stored then
     */
    public EdgeIdentity installPem(String certificatePem, String chainPem, String keyPem, char[] keyPassword) {
        EdgeIdentity uploaded = UploadedIdentityParser.parse(certificatePem, chainPem, keyPem, keyPassword,
                clock.instant());
        synchronized (lock) {
            identities.save(uploaded);
            identity = uploaded;
        }
        LOG.info("TLS identity installed from upload: {}", uploaded);
        fireIdentityChanged();
        return uploaded;
    }

    /** The admin's trusted CAs, in the order they were added (the JVM's CAs are not listed). */
    public List<TrustedCa> trustedCas() {
        return trusted.list();
    }

    /**
     * Trusts every certificate in the PEM text; ones already trusted are skipped.
     *
     * @return the newly trusted ones
     * @throws CertificateProblem {@code not_pem} or {@code no_certificate}
     */
    public List<TrustedCa> addTrustedPem(String pem) {
        return trusted.add(pem);
    }

    /** Stops trusting the CA with this SHA-256 fingerprint; false when none has it. */
    public boolean removeTrusted(String fingerprint) {
        return trusted.remove(fingerprint);
    }

    /**
     * A PKIX trust manager over the trusted CAs that follows later changes of the list. With an empty list (and
     * no system CAs) it rejects every certificate; it never trusts all. It checks the chain only: a client must
     * also verify the host name, by {@code SSLParameters.setEndpointIdentificationAlgorithm("HTTPS")}.
     */
    public X509TrustManager trustManager() {
        return trusted.trustManager();
    }

    /**
     * A TLS 1.2/1.3 context presenting the current identity; client certificates, when a listener asks for them,
     * are checked against {@link #trustManager()}. Build a new one after {@link #onIdentityChanged(Runnable)}.
     */
    public SSLContext serverSslContext() {
        return TlsContexts.build(identity(), trusted.trustManager());
    }

    /**
     * A TLS 1.2/1.3 context for outbound connections, verifying servers with {@link #trustManager()} and presenting
     * the edge identity when the server asks for a client certificate. Host name verification is the caller's job:
     * set {@link SSLParameters#setEndpointIdentificationAlgorithm(String)} to {@code "HTTPS"} on each socket or
     * engine, or any certificate from a trusted CA would be accepted for any host.
     */
    public SSLContext clientSslContext() {
        return TlsContexts.build(identity(), trusted.trustManager());
    }

    /** Runs {@code listener} after every identity change, so TLS listeners can reload their context live. */
    public void onIdentityChanged(Runnable listener) {
        identityListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private boolean needsRegeneration(EdgeIdentity stored, String publicHostName) {
        return stored.selfSigned()
                && (!stored.coversHost(publicHostName) || stored.notAfter().isBefore(clock.instant()));
    }

    /** Caller holds {@link #lock}. */
    private void generate(String publicHostName) {
        EdgeIdentity generated = selfSigned.create(publicHostName);
        identities.save(generated);
        identity = generated;
        LOG.info("Self-signed TLS identity generated for {}: {}", publicHostName, generated);
    }

    /**
     * Told by the host (through the core, which owns the one subscription to the config store) that a document
     * changed on another node; reloads the identity or the CA list when it is one of ours.
     */
    public void externalChange(String document) {
        if (!running) {
            return;
        }
        if (TrustedCaStore.DOCUMENT.equals(document)) {
            trusted.reload();
        } else if (IdentityStore.DOCUMENT.equals(document)) {
            boolean changed = false;
            synchronized (lock) {
                Optional<EdgeIdentity> stored = identities.load();
                if (stored.isPresent()
                        && !stored.get().sha256Fingerprint().equals(identity().sha256Fingerprint())) {
                    identity = stored.get();
                    changed = true;
                    LOG.info("TLS identity changed on another node: {}", identity);
                }
            }
            if (changed) {
                fireIdentityChanged();
            }
        }
    }

    private void fireIdentityChanged() {
        for (Runnable listener : identityListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("Identity-change listener failed", e);
            }
        }
    }
}
