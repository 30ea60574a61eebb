package org.collabedge.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipInputStream;

import org.collabedge.cluster.EdgeNode;
import org.collabedge.cluster.NodeDirectory;
import org.collabedge.config.Deployment;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.EdgeSettings;
import org.collabedge.host.SharedState;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.testing.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two nodes of one cluster (two node directories on one shared state): each exported under its own name. */
class SpMetadataExportTest {

    private static SpCredentials sp;
    private final MutableClock clock = new MutableClock();
    private final SharedState shared = new LocalSharedState(clock);
    private final EdgeConfig config = new EdgeConfig(
            List.of(new Deployment(Deployment.DEFAULT_ID, "Main"), new Deployment("branch", "Branch")),
            List.of(), List.of(), EdgeSettings.defaults("edge.example.test"));

    @BeforeAll
    static void key() {
        sp = SpCredentials.generate(Clock.systemUTC());
    }

    private NodeDirectory node(String id, String name) {
        return new NodeDirectory(shared.<EdgeNode>map("edge-nodes"), id, () -> name, clock);
    }

    @Test
    void eachNodeHasItsOwnEntityIdAndAcsPerDeployment() throws Exception {
        try (NodeDirectory a = node("node-a", "edge1.example.test");
             NodeDirectory b = node("node-b", "edge2.example.test")) {
            a.start();
            b.start();
            b.advertise(SpAddresses.HTTPS_PORT_ENDPOINT, "9443"); // node-a advertises nothing: configured 8443

            SpMetadataExport export = new SpMetadataExport(a.nodes(), config, sp);
            List<SpMetadataExport.File> files = export.files(null);
            assertEquals(4, files.size(), "two nodes x two deployments");
            SpMetadataExport.File bBranch = files.stream()
                    .filter(f -> f.nodeId().equals("node-b") && f.deploymentId().equals("branch")).findFirst()
                    .orElseThrow();
            assertEquals("https://edge2.example.test:9443/edge/sso/metadata/branch", bBranch.entityId());
            assertEquals("https://edge2.example.test:9443/edge/sso/acs", bBranch.acsUrl());
            assertEquals("collabedge-sp-node-b-branch.xml", bBranch.fileName());

            String aDefault = export.metadata("node-a", Deployment.DEFAULT_ID).orElseThrow();
            assertTrue(aDefault.contains("entityID=\"https://edge1.example.test:8443/edge/sso/metadata\""), aDefault);
            assertTrue(aDefault.contains("Location=\"https://edge1.example.test:8443/edge/sso/acs\""), aDefault);
            assertTrue(export.metadata("node-c", Deployment.DEFAULT_ID).isEmpty());
            assertTrue(export.metadata("node-a", "no-such-deployment").isEmpty());

            // Chosen by deployment (the seed: select one first when there are several): one file per node.
            List<String> names = new ArrayList<>();
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(export.zip("branch")))) {
                for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    names.add(e.getName());
                    String xml = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                    assertTrue(xml.contains("/edge/sso/metadata/branch\""), xml);
                }
            }
            assertEquals(List.of("collabedge-sp-node-a-branch.xml", "collabedge-sp-node-b-branch.xml"), names);
        }
    }

    @Test
    void aNodeThatLeftIsNoLongerExported() {
        NodeDirectory a = node("node-a", "edge1.example.test");
        NodeDirectory b = node("node-b", "edge2.example.test");
        a.start();
        b.start();
        b.close();
        assertEquals(List.of("node-a"), new SpMetadataExport(a.nodes(), config, sp).files(Deployment.DEFAULT_ID)
                .stream().map(SpMetadataExport.File::nodeId).toList());
        a.close();
    }

    @Test
    void anUnusableAdvertisedPortFallsBackToTheConfiguredOne() {
        EdgeNode n = new EdgeNode("n", "::1", java.util.Map.of(SpAddresses.HTTPS_PORT_ENDPOINT, "99999"), 0);
        assertEquals("https://[::1]:8443/edge/sso/acs", SpAddresses.of(n, config).acsUrl());
    }
}
