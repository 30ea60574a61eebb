package org.collabedge.http.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.collabedge.config.Deployment;
import org.collabedge.config.Domain;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.EdgeSettings;
import org.collabedge.http.ProxyTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The edge URL form and its one canonical reading. */
class TargetParserTest {

    private static final EdgeConfig CONFIG = new EdgeConfig(
            List.of(new Deployment("default", "Default deployment"), new Deployment("d1", "corp"),
                    new Deployment("d2", "edge")),
            List.of(new Domain("example.com", true, false, false, false, "d1"),
                    new Domain("other.org", true, false, false, false, "default")),
            List.of(), EdgeSettings.defaults("edge.example.com"));

    @Test
    void readsDeploymentSchemeHostPortPathAndQuery() throws Exception {
        ProxyTarget t = TargetParser.parse("/corp/https/CUCM.Example.com/8443/cucm-uds/user/alice", "a=1&b=%20",
                CONFIG);
        assertEquals(new ProxyTarget("d1", "https", "cucm.example.com", 8443, "/cucm-uds/user/alice", "a=1&b=%20"),
                t);
        assertEquals("/cucm-uds/user/alice", TargetParser.forwardPath(t));
    }

    @Test
    void aDeploymentIsNamedByItsNameWithSpacesOrByOneOfItsDomains() throws Exception {
        assertEquals("default", TargetParser.parse("/Default%20deployment/http/h/80/", null, CONFIG).deploymentId());
        assertEquals("default", TargetParser.parse("/other.org/http/h/80", null, CONFIG).deploymentId());
        assertEquals("/", TargetParser.parse("/other.org/http/h/80", null, CONFIG).path());
    }

    @Test
    void reservedPrefixesNeverNameADeployment() {
        assertEquals(404, assertThrows(TargetRefused.class,
                () -> TargetParser.parse("/edge/http/h/80/x", null, CONFIG)).status());
        assertEquals(404, assertThrows(TargetRefused.class,
                () -> TargetParser.parse("/get_edge_sso/http/h/80/x", null, CONFIG)).status());
    }

    @Test
    void decodedCharactersAreReEncodedInOneSpelling() throws Exception {
        ProxyTarget t = TargetParser.parse("/corp/http/h/80/a%41/%c3%a4%20b/x:y@z", null, CONFIG);
        assertEquals("/aA/\u00e4 b/x:y@z", t.path());
        assertEquals("/aA/%C3%A4%20b/x:y@z", TargetParser.forwardPath(t));
        assertEquals("/corp/http/h/80/aA/%C3%A4%20b/x:y@z", TargetParser.edgePath(t, CONFIG));
    }

    @Test
    void ipLiteralsAreCanonical() throws Exception {
        assertEquals("10.1.2.3", TargetParser.parse("/corp/http/10.1.2.3/80/", null, CONFIG).host());
        assertEquals("0:0:0:0:0:0:0:1", TargetParser.parse("/corp/http/[::1]/80/", null, CONFIG).host());
        assertEquals("/corp/http/[0:0:0:0:0:0:0:1]/80/",
                TargetParser.edgePath(TargetParser.parse("/corp/http/::1/80/", null, CONFIG), CONFIG));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/corp/http/h/80/a/../b", "/corp/http/h/80/a/%2e%2e/b", "/corp/http/h/80/a%2fb",
        "/corp/http/h/80/a;b", "/corp/http/h/80/a%00", "/corp/http/h/80/%c0%ae", "/corp/http/h/80/a%25",
        "/corp/http/h./80/a", "/corp/http/u@h/80/a", "/corp/http/h/080/a", "/corp/http/h/65536/a",
        "/corp/ftp/h/21/a", "/corp/http/127.1/80/a", "/corp/http/h/80//a", "relative/x"})
    void ambiguousFormsAreRefusedWith400(String raw) {
        assertEquals(400, assertThrows(TargetRefused.class, () -> TargetParser.parse(raw, null, CONFIG)).status());
    }

    @Test
    void aQueryWithRawControlOrFragmentIsRefused() {
        assertThrows(TargetRefused.class, () -> TargetParser.parse("/corp/http/h/80/a", "x=\u0001", CONFIG));
        assertThrows(TargetRefused.class, () -> TargetParser.parse("/corp/http/h/80/a", "x#y", CONFIG));
    }

    // Edge cases of the index walk over segments and labels (compared with the former split-based reading).
    @ParameterizedTest
    @ValueSource(strings = {"/corp/http/h/80/a/..", "/corp/http/h/80/a/%2e%2e", "/corp/http/h/80/a/%2E%2e",
        "/corp/http/h/80/..", "/corp/http/h/80/.", "/corp/http/h/80/a/%2e", "/corp/http/h/80//",
        "/corp/http/h/80/a//", "/corp//h/80/a", "/corp/http//80/a", "/corp/http/h//a", "//http/h/80/a",
        "/corp/http/h/", "/corp/http/h..x/80/a", "/corp/http/.h/80/a", "/corp/http/h%2e/80/a",
        "/corp/http/h.%2e/80/a", "/corp/http/-h/80/a", "/corp/http/h-/80/a", "/corp/http/[h]/80/a",
        "/corp/http/[::1]./80/a", "/corp/http/[fe80::1%25eth0]/80/a", "/corp/http/h/0080/a", "/corp/http/h/00/a",
        "/corp/http/h/0/a", "/corp/http/h/800000/a", "/corp/http/h/+80/a", "/corp/http/010.1.2.3/80/a",
        "/corp/http/1.2.3.256/80/a", "/corp/http/1.2.3.4.5/80/a", "/corp/http/1.2.3/80/a",
        "/corp/http/1.2.3.4./80/a", "/corp/http/0x7f.0.0.1/80/a", "/corp/http/2130706433/80/a",
        "/corp/http/h.1/80/a", "/corp/http/[::1/80/a", "/corp/http/::1]/80/a", "/corp/http/[::ffff:127.0.0.1]/80/a",
        "/corp/http/[::g]/80/a", "/corp/http/[1::2::3]/80/a", "/corp/http/[::1]:80/80/a"})
    void edgeCasesOfSegmentsLabelsAndPortsAreRefusedWith400(String raw) {
        assertEquals(400, assertThrows(TargetRefused.class, () -> TargetParser.parse(raw, null, CONFIG)).status(),
                raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/corp", "/corp/http", "/corp/http/h", "/nowhere/http/h/80/a"})
    void tooFewSegmentsOrNoDeploymentIs404(String raw) {
        assertEquals(404, assertThrows(TargetRefused.class, () -> TargetParser.parse(raw, null, CONFIG)).status(),
                raw);
    }

    @Test
    void longNamesAndLabelsAreRefusedAtTheirLimits() throws Exception {
        String label = "a".repeat(63);
        String name = label + "." + label + "." + label + "." + "b".repeat(61); // 253 characters
        assertEquals(name, TargetParser.parse("/corp/http/" + name + "/80/", null, CONFIG).host());
        assertThrows(TargetRefused.class, () -> TargetParser.parse("/corp/http/" + name + "b/80/", null, CONFIG));
        assertThrows(TargetRefused.class, () -> TargetParser.parse("/corp/http/" + label + "a/80/", null, CONFIG));
        assertThrows(TargetRefused.class,
                () -> TargetParser.parse("/corp/http/h/80/" + "a/".repeat(5000), null, CONFIG));
    }

    @Test
    void edgeCasesThatAreAcceptedKeepTheirOneSpelling() throws Exception {
        assertEquals("/a/", TargetParser.parse("/corp/http/h/80/a/", null, CONFIG).path());
        assertEquals("/", TargetParser.parse("/corp/http/h/80/", null, CONFIG).path());
        assertEquals("/...", TargetParser.parse("/corp/http/h/80/...", null, CONFIG).path());
        assertEquals("/.x/a.", TargetParser.parse("/corp/http/h/80/.x/a.", null, CONFIG).path());
        assertEquals(65535, TargetParser.parse("/corp/http/h/65535", null, CONFIG).port());
        assertEquals(1, TargetParser.parse("/corp/http/h/1/x", null, CONFIG).port());
        assertEquals("cucm01", TargetParser.parse("/corp/http/CUCM01/80/x", null, CONFIG).host());
        assertEquals("1a.example.com", TargetParser.parse("/corp/http/1a.example.com/80/x", null, CONFIG).host());
        assertEquals("0.0.0.0", TargetParser.parse("/corp/http/0.0.0.0/80/x", null, CONFIG).host());
        assertEquals("2001:db8:0:0:0:0:0:1",
                TargetParser.parse("/corp/https/[2001:DB8::1]/443/x", null, CONFIG).host());
    }
}
