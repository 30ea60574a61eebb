package org.collabedge.config;

import static org.collabedge.config.ConfigNodes.callControl;
import static org.collabedge.config.ConfigNodes.sipOnEdge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Domains and deployments as the configuration keeps them: canonical names, rename, edit, delete, order.
 */
class ConfigServiceDomainsTest {

    @AutoClose
    private final ConfigNodes nodes = new ConfigNodes();
    private final ConfigService service = nodes.newNode();

    @Test
    void domainNamesAreStoredInCanonicalForm() {
        service.saveDomain(null, sipOnEdge("Example.COM."));

        assertEquals(List.of("example.com"), service.current().domains().stream().map(Domain::name).toList());
        assertTrue(service.current().domain("EXAMPLE.com").isPresent());
    }

    @Test
    void aDomainCanBeRenamedEditedAndDeleted() {
        service.saveDomain(null, sipOnEdge("example.com"));

        service.saveDomain("example.com", new Domain("example.org", false, true, false, false,
                Deployment.DEFAULT_ID));
        assertTrue(service.current().domain("example.com").isEmpty());
        assertTrue(service.current().domain("example.org").orElseThrow().sipOnInternal());

        service.deleteDomain("EXAMPLE.org");
        assertEquals(List.of(), service.current().domains());
    }

    @Test
    void domainsAreKeptInNameOrder() {
        service.saveDomain(null, sipOnEdge("zeta.example"));
        service.saveDomain(null, sipOnEdge("alpha.example"));
        service.saveDomain(null, sipOnEdge("mid.example"));

        assertEquals(List.of("alpha.example", "mid.example", "zeta.example"),
                service.current().domains().stream().map(Domain::name).toList());
    }

    @Test
    void imAndPresenceImpliesInternalSip() {
        Domain imOnly = new Domain("example.com", false, false, true, false, Deployment.DEFAULT_ID);
        Domain nothing = new Domain("example.org", false, false, false, false, Deployment.DEFAULT_ID);
        Domain sipOnly = new Domain("example.net", false, true, false, false, Deployment.DEFAULT_ID);

        assertTrue(imOnly.effectiveSipOnInternal());
        assertFalse(nothing.effectiveSipOnInternal());
        assertTrue(sipOnly.effectiveSipOnInternal());

        service.saveDomain(null, imOnly);
        Domain stored = nodes.newNode().current().domain("example.com").orElseThrow();
        assertFalse(stored.sipOnInternal(), "the admin's own setting is kept");
        assertTrue(stored.effectiveSipOnInternal(), "and it behaves as on");
    }

    // ---- deployments

    @Test
    void aDeploymentIsAddedWithATrimmedNameAndANewId() {
        Deployment lab = service.addDeployment("  Lab  ");

        assertEquals("Lab", lab.name());
        assertNotNull(lab.id());
        assertFalse(lab.isDefault());
        assertEquals(lab, service.current().deployment(lab.id()).orElseThrow());
        assertEquals("Lab", service.current().deploymentName(lab.id()));
    }

    @Test
    void deletingADeploymentMovesItsDomainsAndServersToTheDefault() {
        Deployment lab = service.addDeployment("Lab");
        Deployment other = service.addDeployment("Other");
        service.saveDomain(null, new Domain("lab.example.com", true, false, false, false, lab.id()));
        service.saveDomain(null, new Domain("other.example.com", true, false, false, false, other.id()));
        InternalServer labServer = service.saveServer(callControl("cucm.lab.example.com", lab.id()), null);
        InternalServer otherServer = service.saveServer(callControl("cucm.other.example.com", other.id()), null);

        service.deleteDeployment(lab.id());

        EdgeConfig c = service.current();
        assertTrue(c.deployment(lab.id()).isEmpty());
        assertEquals(Deployment.DEFAULT_ID, c.domain("lab.example.com").orElseThrow().deploymentId());
        assertEquals(Deployment.DEFAULT_ID, c.server(labServer.id()).orElseThrow().deploymentId());
        assertEquals(other.id(), c.domain("other.example.com").orElseThrow().deploymentId(), "others stay");
        assertEquals(other.id(), c.server(otherServer.id()).orElseThrow().deploymentId());
    }

    @Test
    void theDefaultDeploymentCanBeRenamedButNotDeleted() {
        service.renameDeployment(Deployment.DEFAULT_ID, "Head office");

        Deployment renamed = service.current().deployment(Deployment.DEFAULT_ID).orElseThrow();
        assertEquals("Head office", renamed.name());
        assertTrue(renamed.isDefault());

        ValidationException e = assertThrows(ValidationException.class,
                () -> service.deleteDeployment(Deployment.DEFAULT_ID));
        assertEquals("error.default_deployment", e.errors().get(0).problemKey());
        assertTrue(service.current().deployment(Deployment.DEFAULT_ID).isPresent());
    }
}
