package org.collabedge.status;

import static org.collabedge.status.StatusScene.DEFAULT;
import static org.collabedge.status.StatusScene.LAB;
import static org.collabedge.status.StatusScene.PUBLIC_NAME;
import static org.collabedge.status.StatusScene.config;
import static org.collabedge.status.StatusScene.domain;
import static org.collabedge.status.StatusScene.keys;
import static org.collabedge.status.StatusScene.server;
import static org.collabedge.status.StatusScene.withDomains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.collabedge.config.Deployment;
import org.collabedge.config.Domain;
import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.i18n.Messages;
import org.junit.jupiter.api.Test;

/**
 * The status findings about domains and deployments, each for the configuration that should trigger it and not
 * otherwise, starting from a healthy edge ({@link StatusScene}).
 */
class StatusReportDomainsTest {

    private final StatusScene scene = new StatusScene();

    @Test
    void noDomainsIsAnError() {
        List<Finding> f = scene.findings(config(List.of(DEFAULT), List.of(), List.of(), PUBLIC_NAME));

        assertEquals(List.of(Finding.error("status.no_domains", "domains")), f);
        assertEquals("No domain is configured, so the edge serves nobody yet.",
                Messages.english().get(f.get(0).messageKey()));
    }

    @Test
    void aDomainWithoutServicesIsAWarning() {
        Domain idle = new Domain("idle.example.com", false, false, false, false, Deployment.DEFAULT_ID);

        assertEquals(List.of(Finding.warning("status.domain_no_services", "domains", "idle.example.com")),
                scene.findings(withDomains(domain("example.com", true), idle)));
        assertEquals(List.of(), scene.findings(withDomains(new Domain("fed.example.com", false, false, false, true,
                Deployment.DEFAULT_ID))), "federation alone is a service");
    }

    @Test
    void internalCallControlNeedsACallControlServerInTheDomainsOwnDeployment() {
        Domain internal = new Domain("example.com", false, true, false, false, LAB.id());
        InternalServer elsewhere = server("s1", ServerType.CALL_CONTROL, Deployment.DEFAULT_ID, true);
        InternalServer inLab = server("s2", ServerType.CALL_CONTROL, LAB.id(), true);
        scene.testedOk(elsewhere, inLab);

        assertEquals(List.of(Finding.error("status.domain_needs_call_control", "internal-servers", "example.com",
                "Lab")),
                scene.findings(config(List.of(DEFAULT, LAB), List.of(internal), List.of(elsewhere), PUBLIC_NAME)));
        assertEquals(List.of(), scene.findings(config(List.of(DEFAULT, LAB), List.of(internal), List.of(inLab),
                PUBLIC_NAME)));
    }

    @Test
    void otherServerTypesDoNotCountAsCallControl() {
        Domain internal = new Domain("example.com", false, true, false, false, Deployment.DEFAULT_ID);
        InternalServer voicemail = server("vm", ServerType.VOICEMAIL, Deployment.DEFAULT_ID, true);
        scene.testedOk(voicemail);

        assertEquals(List.of("status.domain_needs_call_control"),
                keys(scene.findings(config(List.of(DEFAULT), List.of(internal), List.of(voicemail), PUBLIC_NAME))));
    }

    @Test
    void imAndPresenceNeedsAnImAndPresenceServer() {
        Domain im = new Domain("example.com", false, true, true, false, Deployment.DEFAULT_ID);
        InternalServer cucm = server("cucm", ServerType.CALL_CONTROL, Deployment.DEFAULT_ID, true);
        InternalServer imp = server("imp", ServerType.IM_AND_PRESENCE, Deployment.DEFAULT_ID, true);
        scene.testedOk(cucm, imp);

        assertEquals(List.of(Finding.error("status.domain_needs_im_presence", "internal-servers", "example.com",
                Deployment.DEFAULT_NAME)),
                scene.findings(config(List.of(DEFAULT), List.of(im), List.of(cucm), PUBLIC_NAME)));
        assertEquals(List.of(), scene.findings(config(List.of(DEFAULT), List.of(im), List.of(cucm, imp), PUBLIC_NAME)));
    }

    @Test
    void imAndPresenceWithInternalSipSwitchedOffIsExplainedAndStillNeedsCallControl() {
        Domain imOnly = new Domain("example.com", false, false, true, false, Deployment.DEFAULT_ID);
        InternalServer imp = server("imp", ServerType.IM_AND_PRESENCE, Deployment.DEFAULT_ID, true);
        InternalServer cucm = server("cucm", ServerType.CALL_CONTROL, Deployment.DEFAULT_ID, true);
        scene.testedOk(imp, cucm);

        assertEquals(List.of(
                Finding.error("status.domain_needs_call_control", "internal-servers", "example.com",
                        Deployment.DEFAULT_NAME),
                Finding.info("status.domain_im_implies_sip", "domains", "example.com")),
                scene.findings(config(List.of(DEFAULT), List.of(imOnly), List.of(imp), PUBLIC_NAME)));
        assertEquals(List.of(Finding.info("status.domain_im_implies_sip", "domains", "example.com")),
                scene.findings(config(List.of(DEFAULT), List.of(imOnly), List.of(imp, cucm), PUBLIC_NAME)));
    }

    @Test
    void anEmptyDeploymentOtherThanTheDefaultIsMentioned() {
        assertEquals(List.of(Finding.info("status.deployment_empty", "deployments", "Lab")),
                scene.findings(config(List.of(DEFAULT, LAB), List.of(domain("example.com", true)), List.of(),
                        PUBLIC_NAME)));

        Domain inLab = new Domain("lab.example.com", true, false, false, false, LAB.id());
        assertEquals(List.of(), scene.findings(config(List.of(DEFAULT, LAB), List.of(inLab), List.of(), PUBLIC_NAME)),
                "the default may be empty; Lab is not");
    }
}
