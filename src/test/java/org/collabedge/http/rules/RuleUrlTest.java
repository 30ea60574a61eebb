package org.collabedge.http.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.collabedge.config.ValidationException;
import org.junit.jupiter.api.Test;

/** The seed's URL syntax, read strictly: every ambiguous form is refused with the reason. */
class RuleUrlTest {

    private static String problem(String url) {
        return assertThrows(ValidationException.class, () -> RuleUrl.parse(url, "rule.url"), url)
                .errors().get(0).problemKey();
    }

    @Test
    void readsSchemeHostPortAndPath() {
        RuleUrl u = RuleUrl.parse("HTTPS://WWW.Example.com:8080/resource/path", "rule.url");
        assertEquals("https", u.scheme());
        assertEquals("www.example.com", u.host());
        assertEquals(8080, u.port());
        assertEquals("/resource/path", u.path());
        assertEquals("https://www.example.com:8080/resource/path", u.toString());
    }

    @Test
    void defaultPortsAndNoPath() {
        RuleUrl u = RuleUrl.parse("http://myServer5", "rule.url");
        assertEquals(80, u.port());
        assertEquals("/", u.path());
        assertEquals("http://myserver5", u.toString());
        assertEquals("https://h.example.com/x", RuleUrl.parse("https://h.example.com:443/x", "f").toString(),
                "the default port is not written");
        assertEquals("https://[0:0:0:0:0:0:0:1]:8443/", RuleUrl.parse("https://[::1]:8443/", "f").toString(),
                "IPv6 literals in one canonical spelling");
        assertEquals("10.0.0.1", RuleUrl.parse("http://10.0.0.1:6970/", "f").host());
    }

    @Test
    void refusesWhatIsNotAPlainHttpUrl() {
        assertEquals("error.required", problem(" "));
        assertEquals("error.url_scheme", problem("ftp://h.example.com/"));
        assertEquals("error.url_scheme", problem("h.example.com/x"));
        assertEquals("error.url_host", problem("https://user@h.example.com/"));
        assertEquals("error.url_host", problem("https:///path"));
        assertEquals("error.url_host", problem("https://bad_host/"));
        assertEquals("error.url_port", problem("https://h.example.com:70000/"));
        assertEquals("error.url_port", problem("https://h.example.com:/"));
        assertEquals("error.url_port", problem("https://h.example.com:8o/"));
        assertEquals("error.url_path", problem("https://h.example.com/a?b=c"));
        assertEquals("error.url_path", problem("https://h.example.com/a#top"));
        assertEquals("error.url_path", problem("https://h.example.com/a/../b"));
        assertEquals("error.url_path", problem("https://h.example.com/a/./b"));
        assertEquals("error.url_path", problem("https://h.example.com/a//b"));
        assertEquals("error.url_path", problem("https://h.example.com/a%2Fb"));
        assertEquals("error.url_path", problem("https://h.example.com/a%00"));
        assertEquals("error.url_path", problem("https://h.example.com/a%zz"));
        assertEquals("error.url_path", problem("https://h.example.com/a b"));
        assertEquals("error.url_path", problem("https://h.example.com/%C3%28"));
    }
}
