package org.collabedge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * More than a hundred attempts to get past the allow list (which permits only http://127.0.0.1:PORT/allowed/...)
 * by spelling a target ambiguously. Each is sent as raw bytes over TLS and must either be refused (4xx, nothing
 * reaches the backend) or land on exactly the canonical allowed path, as the backend itself reports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BypassCorpusTest {

    private RecordingBackend backend;
    private EdgeHarness edge;
    private static final String AUTH = EdgeHarness.basic("alice", "secret");

    @BeforeAll
    void start() throws Exception {
        backend = new RecordingBackend();
        edge = EdgeHarness.simple(new TestAllowList(backend.port()));
    }

    @AfterAll
    void stop() {
        edge.close();
        backend.close();
    }

    /** {@code P} in a target stands for the backend's port; an expected path of null means "refused". */
    Stream<Arguments> corpus() {
        List<String[]> cases = new ArrayList<>();
        String[] paths = {
            // dot segments, raw and encoded, and their mixtures
            "/allowed/../secret/x", "/allowed/./a", "/allowed/%2e%2e/secret/x", "/allowed/%2E%2E/secret/x",
            "/allowed/.%2e/secret/x", "/allowed/%2e./secret/x", "/allowed/%2e/a", "/allowed/..", "/allowed/.",
            "/allowed/a/..", "/allowed/..%2fsecret", "/allowed/%2e%2e%2fsecret", "/allowed/..%2Fsecret",
            // path parameters and encoded separators
            "/allowed/..;/secret/x", "/allowed/a;jsessionid=1", "/allowed;x=1/a", "/allowed/a%3bb", "/allowed/..%3b/secret",
            "/allowed/%2f/secret", "/allowed%2f..%2fsecret", "/allowed/..\\secret", "/allowed/..%5csecret",
            "/allowed/%5c..%5csecret", "/allowed/a\\b",
            // double and broken encoding
            "/allowed/%252e%252e/secret", "/allowed/%25", "/allowed/a%", "/allowed/a%2", "/allowed/a%zz", "/allowed/a%G0",
            "/allowed/%u002e%u002e/secret", "/allowed/..%u2216secret", "/allowed/%uff0e%uff0e/secret",
            // overlong and invalid UTF-8
            "/allowed/%c0%ae%c0%ae/secret", "/allowed/%e0%80%ae/a", "/allowed/%c0%af", "/allowed/..%c0%afsecret",
            "/allowed/%c1%9c", "/allowed/a%ff", "/allowed/a%ed%a0%80", "/allowed/a%f8%88%80%80%80", "/allowed/a%c3",
            "/allowed/%fe%ff",
            // control characters and NUL
            "/allowed/a%00", "/allowed/a%00/../../secret", "/allowed/a%0d%0aX-Injected:%201", "/allowed/a%0a",
            "/allowed/a%09", "/allowed/a%7f", "/allowed/a%c2%85", "/allowed/a%ef%bb%bf",
            // empty segments
            "/allowed//a", "//allowed/a", "/allowed/a//",
        };
        for (String path : paths) {
            cases.add(new String[] {"/corp/http/127.0.0.1/{P}" + path, null});
            cases.add(new String[] {"/example.com/http/127.0.0.1/{P}" + path, null});
        }
        String[][] hosts = {
            {"/corp/http/127.0.0.1@evil.test/{P}/allowed/a", null}, {"/corp/http/evil.test@127.0.0.1/{P}/allowed/a", null},
            {"/corp/http/127.0.0.1./{P}/allowed/a", null}, {"/corp/http/127.1/{P}/allowed/a", null},
            {"/corp/http/2130706433/{P}/allowed/a", null}, {"/corp/http/0x7f.0.0.1/{P}/allowed/a", null},
            {"/corp/http/0177.0.0.1/{P}/allowed/a", null}, {"/corp/http/127.000.000.001/{P}/allowed/a", null},
            {"/corp/http/127.0.0.1%00/{P}/allowed/a", null}, {"/corp/http/127%2e0.0.1/{P}/allowed/a", null},
            {"/corp/http/%31%32%37.0.0.1/{P}/allowed/a", null}, {"/corp/http/[::ffff:127.0.0.1]/{P}/allowed/a", null},
            {"/corp/http/::ffff:7f00:1/{P}/allowed/a", null}, {"/corp/http/LOCALHOST/{P}/allowed/a", null},
            {"/corp/http/127.0.0.1:{P}/{P}/allowed/a", null}, {"/corp/http/127.0.0.1%3a{P}/{P}/allowed/a", null},
            {"/corp/http/ex%C3%A4mple.test/{P}/allowed/a", null}, {"/corp/http/127.0.0.1\\@evil/{P}/allowed/a", null},
            {"/corp/http/[127.0.0.1]/{P}/allowed/a", null}, {"/corp/http/127.0.0.1%2fevil/{P}/allowed/a", null},
            {"/corp/http/127.0.0.256/{P}/allowed/a", null}, {"/corp/http/-127.0.0.1/{P}/allowed/a", null},
            {"/corp/http/[::1%25lo]/{P}/allowed/a", null}, {"/corp/http/[fe80::1%lo]/{P}/allowed/a", null},
            // ports
            {"/corp/http/127.0.0.1/0{P}/allowed/a", null}, {"/corp/http/127.0.0.1/{P}0/allowed/a", null},
            {"/corp/http/127.0.0.1/65536/allowed/a", null}, {"/corp/http/127.0.0.1/99999999999/allowed/a", null},
            {"/corp/http/127.0.0.1/-1/allowed/a", null}, {"/corp/http/127.0.0.1/+{P}/allowed/a", null},
            {"/corp/http/127.0.0.1/%3{P}/allowed/a", null}, {"/corp/http/127.0.0.1/0/allowed/a", null},
            {"/corp/http/127.0.0.1/PORTWRAP/allowed/a", null},
            // schemes and deployments
            {"/corp/https/127.0.0.1/{P}/allowed/a", null}, {"/corp/file/127.0.0.1/{P}/allowed/a", null},
            {"/corp/gopher/127.0.0.1/{P}/allowed/a", null}, {"/corp//http/127.0.0.1/{P}/allowed/a", null},
            {"/unknown/http/127.0.0.1/{P}/allowed/a", null}, {"/edge/../corp/http/127.0.0.1/{P}/allowed/a", null},
            {"/%65dge/http/127.0.0.1/{P}/allowed/a", null}, {"/corp%2fhttp/127.0.0.1/{P}/allowed/a", null},
            {"/default/http/127.0.0.1/{P}/allowed/a", null}, {"/corp/http/127.0.0.1/{P}/secret/x", null},
            {"/corp/http/127.0.0.1/{P}/ALLOWED/a", null}, {"/corp/http/127.0.0.1/{P}/secret%3f/allowed/", null},
            {"/corp/http/127.0.0.1/{P}/allowe%64/../secret", null}, {"/corp/http/127.0.0.1/{P}", null},
            // canonical landings
            {"/corp/http/127.0.0.1/{P}/allowed/a", "/allowed/a"}, {"/CORP/http/127.0.0.1/{P}/allowed/a", "/allowed/a"},
            {"/example.com/http/127.0.0.1/{P}/allowed/a", "/allowed/a"},
            {"/EXAMPLE.COM/HTTP/127.0.0.1/{P}/allowed/a", "/allowed/a"},
            {"/corp/http/127.0.0.1/{P}/allowed/%61", "/allowed/a"}, {"/corp/ht%74p/127.0.0.1/{P}/allowed/a", "/allowed/a"},
            {"/corp/http/127.0.0.1/{P}/allowed/a/", "/allowed/a/"},
            {"/corp/http/127.0.0.1/{P}/allowed/a%20b", "/allowed/a%20b"},
            {"/corp/http/127.0.0.1/{P}/allowed/%C3%A4", "/allowed/%C3%A4"},
            {"/corp/http/127.0.0.1/{P}/allowed/a%3fb", "/allowed/a%3Fb"},
            {"/corp/http/127.0.0.1/{P}/allowed/a?x=%2e%2e/../secret", "/allowed/a?x=%2e%2e/../secret"},
            {"/corp/http/127.0.0.1/{P}/allowed/a#/../../secret", "/allowed/a"},
        };
        cases.addAll(List.of(hosts));
        int port = backend.port();
        return cases.stream().map(c -> Arguments.of(c[0].replace("PORTWRAP", Integer.toString(port + 65536))
                .replace("{P}", Integer.toString(port)), c[1]));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("corpus")
    void refusedOrCanonical(String target, String expectedPath) throws Exception {
        int before = backend.received().size();
        EdgeHarness.RawResponse response = edge.get(target, AUTH);
        List<RecordingBackend.Received> arrived = backend.received().subList(before, backend.received().size());
        if (expectedPath == null) {
            assertTrue(response.status() >= 400 && response.status() < 500 || response.status() == -1,
                    "expected a refusal, got " + response.status() + " " + response.body());
            assertTrue(arrived.isEmpty(), "nothing may reach the backend, got " + arrived);
        } else {
            assertEquals(200, response.status(), response.body());
            assertEquals(1, arrived.size());
            assertEquals(expectedPath, arrived.get(0).rawPathAndQuery());
        }
        backend.received().forEach(r -> assertTrue(r.rawPathAndQuery().startsWith("/allowed/"), r.toString()));
    }
}
