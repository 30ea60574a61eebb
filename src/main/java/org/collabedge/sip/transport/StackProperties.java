package org.collabedge.sip.transport;

import java.util.Map;
import java.util.Properties;

import org.collabedge.sip.validation.ReportingParserFactory;
import org.collabedge.sip.validation.ValidationValve;
import org.collabedge.sip.validation.ValveContext;

/**
 * The JAIN-SIP configuration of the edge: a stateful proxy without automatic dialogs, the edge's processors
 * ({@link EdgeMessageProcessorFactory}: NIO client TCP/TLS listeners, blocking UDP and node-to-node TLS, its own WSS),
 * our router, valve and SLF4J loggers, and limits against oversized messages; its parser reports what the stack
 * refuses on its own.
 */
public final class StackProperties {

    /** Largest SIP message accepted over TCP/TLS; UDP is bounded by the datagram itself. */
    public static final int MAX_MESSAGE_SIZE = 65536;

    /** Connections one TCP or TLS listener holds at most; beyond it new ones are closed on accept. */
    public static final int MAX_CONNECTIONS = 100_000;

    private StackProperties() {
    }

    public static Properties of(String stackName, TransportContext transport, ValveContext valve) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", stackName);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("javax.sip.ROUTER_PATH", EdgeRouter.class.getName());
        p.setProperty("javax.sip.USE_ROUTER_FOR_ALL_URIS", "true");
        p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", EdgeNetworkLayer.class.getName());
        p.setProperty("gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER", EdgeSecurityManagerProvider.class.getName());
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", EdgeMessageProcessorFactory.class.getName());
        p.setProperty("gov.nist.javax.sip.SIP_MESSAGE_VALVE", ValidationValve.class.getName());
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", ReportingParserFactory.class.getName());
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(MAX_MESSAGE_SIZE));
        p.setProperty("gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        p.setProperty("gov.nist.javax.sip.TLS_SECURITY_POLICY", HostNameTlsPolicy.class.getName());
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.3, TLSv1.2");
        p.setProperty("gov.nist.javax.sip.READ_TIMEOUT", "10000");
        p.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", Integer.toString(MAX_CONNECTIONS));
        // The NIO TLS engines take the stack's suites, whose built-in list is old (no TLS 1.3): use the JDK's.
        // The NIO TLS channels take a fresh 16 KB buffer for every record they wrap or unwrap; direct ones are only
        // freed after a GC, so a quiet heap let them pile up outside it (JAIN-SIP's JSIP-430): heap buffers.
        p.setProperty("gov.nist.javax.sip.stack.USE_DIRECT_BUFFERS", "false");
        // A client connection silent for two hours (no message, no CRLF keep-alive, no re-registration) is closed by
        // the NIO listeners; its registrations are then marked closed like any other lost flow.
        p.setProperty("gov.nist.javax.sip.NIO_MAX_SOCKET_IDLE_TIME", "7200000");
        p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", defaultCipherSuites()));
        p.setProperty("gov.nist.javax.sip.REJECT_STRAY_RESPONSES", "false");
        // Objects, not strings: picked up by the network layer and the valve, which the stack builds by class name.
        StackContexts.register(stackName, Map.of(TransportContext.PROPERTY, transport, ValveContext.PROPERTY, valve));
        return p;
    }

    private static String[] defaultCipherSuites() {
        try {
            return javax.net.ssl.SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no default TLS context", e);
        }
    }
}
