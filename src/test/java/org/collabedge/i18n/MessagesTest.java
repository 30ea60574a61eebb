package org.collabedge.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Both languages carry every key with the same placeholders, and messages format as written. */
class MessagesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d)");

    @Test
    void englishAndGermanHaveTheSameKeysAndPlaceholders() throws Exception {
        Properties en = load("i18n/collabedge_i18n.properties");
        Properties de = load("i18n/collabedge_i18n_de.properties");
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(de.stringPropertyNames()));
        for (String key : en.stringPropertyNames()) {
            assertEquals(placeholders(en.getProperty(key)), placeholders(de.getProperty(key)), key);
        }
    }

    @Test
    void placeholdersAreFilledAndApostrophesSurvive() {
        Messages en = Messages.english();
        assertEquals("The edge's TLS certificate expires on 2027-01-01.", en.get("status.cert_expiring", "2027-01-01"));
        assertEquals("'x y' is not a valid domain name (letters, digits and hyphens in dot-separated labels, such as "
                + "example.com)", en.get("error.domain_name", "x y"));
        assertEquals("no.such.key", en.get("no.such.key"), "a missing key shows itself");
    }

    @Test
    void everyMessageWithArgumentsFormatsWithoutSwallowingThem() throws Exception {
        for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.GERMAN}) {
            Messages m = Messages.forLocale(locale);
            Properties p = load(locale == Locale.ENGLISH ? "i18n/collabedge_i18n.properties"
                    : "i18n/collabedge_i18n_de.properties");
            for (String key : p.stringPropertyNames()) {
                Set<String> ph = placeholders(p.getProperty(key));
                if (ph.isEmpty()) {
                    continue;
                }
                String out = m.get(key, "ARG0", "ARG1", "ARG2");
                for (String n : ph) {
                    assertTrue(out.contains("ARG" + n), locale + " " + key + " lost {" + n + "}: " + out);
                }
                assertFalse(out.contains("{"), locale + " " + key + " left a brace: " + out);
            }
        }
    }

    @Test
    void germanIsChosenForGerman() {
        assertEquals("Dom\u00e4nen", Messages.forLocale(Locale.GERMAN).get("collabedge.page.domains"));
    }

    private static Set<String> placeholders(String s) {
        Set<String> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(s);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static Properties load(String resource) throws Exception {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            p.load(in);
        }
        return p;
    }
}
