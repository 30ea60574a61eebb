package org.collabedge.sso;

import java.util.HashMap;
import java.util.Map;

import javax.xml.XMLConstants;

import net.shibboleth.utilities.java.support.component.ComponentInitializationException;
import net.shibboleth.utilities.java.support.xml.BasicParserPool;
import net.shibboleth.utilities.java.support.xml.ParserPool;
import org.opensaml.core.config.InitializationException;
import org.opensaml.core.config.InitializationService;

/**
 * Starts OpenSAML once per class loader and hands out the one XML parser pool every SAML document goes through.
 *
 * <p>OpenSAML finds its initializers and providers through the thread context class loader; inside Openfire that is
 * the server's loader, which cannot see the plugin's libraries, so initialisation runs with the plugin's loader set.
 * The parser refuses DOCTYPE declarations outright (no DTDs, no external entities, no entity expansion bombs).
 */
public final class OpenSaml {

    private static ParserPool parserPool;

    private OpenSaml() {
    }

    /** Initialises OpenSAML (idempotent) and returns the hardened parser pool. */
    public static synchronized ParserPool start() {
        if (parserPool != null) {
            return parserPool;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(OpenSaml.class.getClassLoader());
        try {
            InitializationService.initialize();
            parserPool = hardenedPool();
            return parserPool;
        } catch (InitializationException | ComponentInitializationException e) {
            throw new IllegalStateException("OpenSAML could not be initialised", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static ParserPool hardenedPool() throws ComponentInitializationException {
        BasicParserPool pool = new BasicParserPool();
        pool.setMaxPoolSize(50);
        pool.setNamespaceAware(true);
        pool.setExpandEntityReferences(false);
        pool.setXincludeAware(false);
        pool.setIgnoreComments(true); // comments never split a value we read (NameID/uid comment attacks)
        Map<String, Boolean> features = new HashMap<>();
        features.put("http://apache.org/xml/features/disallow-doctype-decl", true);
        features.put("http://xml.org/sax/features/external-general-entities", false);
        features.put("http://xml.org/sax/features/external-parameter-entities", false);
        features.put("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        features.put(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        pool.setBuilderFeatures(features);
        pool.initialize();
        return pool;
    }
}
