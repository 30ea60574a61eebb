package org.collabedge.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The built target/collabedge.jar has the layout Openfire 5.1.1 reads, and bundles only what it should. */
class PluginJarLayoutIT {

    private static JarFile plugin() throws IOException {
        return new JarFile(System.getProperty("collabedge.pluginJar", "target/collabedge.jar"));
    }

    @Test
    void theRootHoldsWhatOpenfireReads() throws Exception {
        try (JarFile jar = plugin()) {
            for (String name : List.of("plugin.xml", "readme.html", "changelog.html", "logo_small.png",
                    "i18n/collabedge_i18n.properties", "i18n/collabedge_i18n_de.properties",
                    "web/WEB-INF/web-custom.xml", "lib/collabedge-lib.jar")) {
                assertNotNull(jar.getEntry(name), name + " missing from the plugin jar");
            }
        }
    }

    @Test
    void pluginXmlIsFilteredAndComplete() throws Exception {
        try (JarFile jar = plugin(); InputStream in = jar.getInputStream(jar.getEntry("plugin.xml"))) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(in);
            assertEquals("org.collabedge.openfire.CollabEdgePlugin", text(doc, "class"));
            assertEquals("Collaboration Edge", text(doc, "name"));
            assertEquals("5.0.0", text(doc, "minServerVersion"));
            assertEquals("17", text(doc, "minJavaVersion"));
            assertEquals("true", text(doc, "csrfProtectionEnabled"));
            assertTrue(text(doc, "version").matches("\\d+\\.\\d+\\.\\d+.*"), "version filtered from the pom");
            assertFalse(text(doc, "date").contains("${"), "date filtered from the pom");
            assertEquals(new org.collabedge.openfire.ConsoleServlet().pageNames().size(),
                    doc.getElementsByTagName("item").getLength(), "one sidebar item per page");
        }
    }

    @Test
    void libBundlesOurClassesAndOnlyLibrariesOpenfireDoesNotShip() throws Exception {
        Set<String> entries;
        try (JarFile jar = plugin(); ZipInputStream lib = new ZipInputStream(
                jar.getInputStream(jar.getEntry("lib/collabedge-lib.jar")))) {
            entries = new java.util.HashSet<>();
            for (ZipEntry e; (e = lib.getNextEntry()) != null; ) {
                entries.add(e.getName());
            }
        }
        assertTrue(entries.contains("org/collabedge/openfire/CollabEdgePlugin.class"));
        assertTrue(entries.contains("org/collabedge/core/EdgeCore.class"));
        assertTrue(entries.contains("org/collabedge/admin/templates/domains.peb"));
        assertTrue(entries.contains("i18n/collabedge_i18n.properties"));
        assertTrue(entries.stream().anyMatch(n -> n.startsWith("io/pebbletemplates/")), "Pebble bundled");
        assertTrue(entries.stream().anyMatch(n -> n.startsWith("org/collabedge/lib/jackson/")), "Jackson relocated");
        assertTrue(entries.stream().anyMatch(n -> n.startsWith("org/opensaml/saml/saml2/core/")), "OpenSAML bundled");
        assertTrue(entries.stream().anyMatch(n -> n.startsWith("org/apache/xml/security/")), "Santuario bundled");
        assertTrue(entries.contains("META-INF/services/org.opensaml.core.config.Initializer"),
                "OpenSAML's initializers are found through the merged services file");
        assertTrue(entries.stream().anyMatch(n -> n.startsWith("org/collabedge/lib/guava/")), "Guava relocated");
        assertTrue(entries.stream().anyMatch(n -> n.startsWith("org/apache/commons/csv/")), "Commons CSV bundled");
        assertTrue(entries.stream().anyMatch(n -> n.startsWith("org/xbill/DNS/")), "dnsjava bundled");
        // HTTP/2: Openfire 5.1.1 ships Jetty's core but not h2 and ALPN, so those come with the plugin, with the
        // services file through which ALPN finds the JDK's processor.
        assertTrue(entries.contains("org/eclipse/jetty/http2/server/HTTP2ServerConnectionFactory.class"), "h2 bundled");
        assertTrue(entries.stream().anyMatch(n -> n.startsWith("org/eclipse/jetty/http2/hpack/")), "hpack bundled");
        assertTrue(entries.contains("org/eclipse/jetty/alpn/server/ALPNServerConnectionFactory.class"), "ALPN bundled");
        assertTrue(entries.contains("org/eclipse/jetty/alpn/java/server/JDK9ServerALPNProcessor.class"));
        assertTrue(entries.contains("META-INF/services/org.eclipse.jetty.io.ssl.ALPNProcessor$Server"),
                "ALPN's processor is found through the merged services file");
        Set<String> forbidden = entries.stream().filter(n -> !n.endsWith("/")) // directories such as org/eclipse/jetty/
                .filter(n -> n.startsWith("org/eclipse/jetty/")
                && !n.startsWith("org/eclipse/jetty/http2/") && !n.startsWith("org/eclipse/jetty/alpn/")
                || n.startsWith("javax/servlet/") || n.startsWith("org/bouncycastle/") || n.startsWith("org/slf4j/")
                || n.startsWith("com/fasterxml/") || n.startsWith("org/jivesoftware/") || n.startsWith("org/xmpp/")
                || n.startsWith("com/google/common/") || n.startsWith("org/apache/commons/codec/")
                || n.startsWith("org/apache/http/") || n.startsWith("javax/xml/bind/"))
                .limit(5).collect(Collectors.toSet());
        assertTrue(forbidden.isEmpty(), "classes Openfire provides must not be bundled: " + forbidden);
    }

    @Test
    void theStandaloneJarNamesItsMainClass() throws Exception {
        try (JarFile jar = new JarFile(System.getProperty("collabedge.standaloneJar",
                "target/collabedge-standalone.jar"))) {
            assertEquals("org.collabedge.standalone.StandaloneMain",
                    jar.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }

    private static String text(Document doc, String tag) {
        return doc.getElementsByTagName(tag).item(0).getTextContent().trim();
    }
}
