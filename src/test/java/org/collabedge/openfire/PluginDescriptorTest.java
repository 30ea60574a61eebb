package org.collabedge.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.servlet.GenericServlet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.jivesoftware.openfire.container.Plugin;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** plugin.xml, web-custom.xml and the logos, read from the project root as Openfire would read them. */
class PluginDescriptorTest {

    private static final List<String> PAGES = List.of("status", "domains", "deployments", "internal-servers",
            "edge-settings", "certificates", "metrics");

    private static Document parse(String path) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setNamespaceAware(false);
        try (InputStream in = new FileInputStream(path)) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        assertEquals(1, nodes.getLength(), "exactly one <" + child + ">");
        return nodes.item(0).getTextContent().trim();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < parent.getChildNodes().getLength(); i++) {
            if (parent.getChildNodes().item(i) instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void pluginXmlDeclaresThePluginForOpenfire5() throws Exception {
        Element root = parse("plugin.xml").getDocumentElement();
        assertEquals("plugin", root.getTagName());
        assertEquals("org.collabedge.openfire.CollabEdgePlugin", text(root, "class"));
        assertEquals("Collaboration Edge", text(root, "name"));
        assertTrue(text(root, "description").length() > 20);
        assertEquals("Collaboration Edge developers", text(root, "author"));
        assertEquals("${project.version}", text(root, "version"));
        assertEquals("${plugin.date}", text(root, "date"));
        assertEquals("5.0.0", text(root, "minServerVersion"));
        assertEquals("17", text(root, "minJavaVersion"));
        assertEquals("apache2", text(root, "licenseType"));
        assertEquals("true", text(root, "csrfProtectionEnabled"));

        Class<?> pluginClass = Class.forName(text(root, "class"));
        assertTrue(Plugin.class.isAssignableFrom(pluginClass));
        assertTrue(Modifier.isPublic(pluginClass.getConstructor().getModifiers()));
    }

    @Test
    void theConsoleTabHoldsOneSidebarItemPerPage() throws Exception {
        Element root = parse("plugin.xml").getDocumentElement();
        Element console = children(root, "adminconsole").get(0);
        Element tab = children(console, "tab").get(0);
        assertEquals("tab-collabedge", tab.getAttribute("id"));
        assertEquals("${collabedge.tab.name}", tab.getAttribute("name"));
        assertEquals("${collabedge.tab.description}", tab.getAttribute("description"));
        assertEquals("status", tab.getAttribute("url"));
        Element sidebar = children(tab, "sidebar").get(0);
        assertEquals("sidebar-collabedge", sidebar.getAttribute("id"));
        assertEquals("${collabedge.sidebar.edge}", sidebar.getAttribute("name"));

        List<String> urls = new ArrayList<>();
        for (Element block : children(tab, "sidebar")) { // each service adds its own sidebar block
            for (Element item : children(block, "item")) {
                String url = item.getAttribute("url");
                urls.add(url);
                assertEquals("collabedge-" + url, item.getAttribute("id"));
                assertEquals("${collabedge.page." + url + "}", item.getAttribute("name"));
                assertEquals("${collabedge.page." + url + ".description}", item.getAttribute("description"));
            }
        }
        assertEquals(PAGES, urls.subList(0, PAGES.size()));
        assertEquals(new ConsoleServlet().pageNames(), urls, "the sidebars list the pages the servlet serves");
    }

    @Test
    void everyI18nKeyOfPluginXmlIsInTheBundle() throws Exception {
        String xml = java.nio.file.Files.readString(new File("plugin.xml").toPath());
        Properties bundle = new Properties();
        try (InputStreamReader in = new InputStreamReader(
                new FileInputStream("i18n/collabedge_i18n.properties"), StandardCharsets.UTF_8)) {
            bundle.load(in);
        }
        Matcher keys = Pattern.compile("\\$\\{(collabedge\\.[^}]+)}").matcher(xml);
        int found = 0;
        while (keys.find()) {
            found++;
            assertNotNull(bundle.getProperty(keys.group(1)), "missing i18n key " + keys.group(1));
        }
        int sidebars = children(children(children(parse("plugin.xml").getDocumentElement(), "adminconsole").get(0),
                "tab").get(0), "sidebar").size();
        assertEquals(2 + sidebars + 2 * new ConsoleServlet().pageNames().size(), found);
    }

    /**
     * Reads web-custom.xml the way Openfire's WebXmlUtils does: servlets by name, and for each servlet the
     * url-patterns of the first servlet-mapping with its name (WebXmlUtils stops at the first match).
     */
    @Test
    void everySidebarPageIsMappedToAnExistingConsoleServlet() throws Exception {
        Element webApp = parse("web/WEB-INF/web-custom.xml").getDocumentElement();
        Map<String, String> classes = new LinkedHashMap<>();
        for (Element servlet : children(webApp, "servlet")) {
            classes.put(text(servlet, "servlet-name"), text(servlet, "servlet-class"));
        }
        Map<String, String> patternToClass = new LinkedHashMap<>();
        Set<String> mappedNames = new LinkedHashSet<>();
        for (Element mapping : children(webApp, "servlet-mapping")) {
            String name = text(mapping, "servlet-name");
            if (!mappedNames.add(name)) {
                continue; // Openfire ignores every mapping after the first for a name
            }
            for (Element pattern : children(mapping, "url-pattern")) {
                patternToClass.put(pattern.getTextContent().trim(), classes.get(name));
            }
        }
        for (String page : PAGES) {
            String className = patternToClass.get("/" + page);
            assertNotNull(className, "no servlet mapped to /" + page);
            Class<?> servletClass = Class.forName(className);
            assertTrue(GenericServlet.class.isAssignableFrom(servletClass), className);
            assertTrue(Modifier.isPublic(servletClass.getModifiers()));
            assertNotNull(servletClass.getConstructor().newInstance());
        }
    }

    @Test
    void logosHaveTheSizesOpenfireShows() throws Exception {
        BufferedImage small = ImageIO.read(new File("logo_small.png"));
        BufferedImage large = ImageIO.read(new File("logo_large.png"));
        assertEquals(16, small.getWidth());
        assertEquals(16, small.getHeight());
        assertEquals(64, large.getWidth());
        assertEquals(64, large.getHeight());
    }
}
