package org.collabedge.config;

import static org.collabedge.config.RefusalCheck.EN;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How a deployment change is refused: names missing, too long, with control characters or taken;
 * unknown deployments; the default deployment, which cannot be deleted.
 * Each refusal names the field and the problem and changes nothing ({@link RefusalCheck}).
 */
class DeploymentValidationTest {

    @AutoClose
    private final RefusalCheck check = new RefusalCheck();
    private final ConfigService service = check.service();

    @Test
    void aNameIsRequired() {
        check.refused(() -> service.addDeployment(null), "deployment.name", "error.required");
        check.refused(() -> service.addDeployment("  "), "deployment.name", "error.required");
        check.refused(() -> service.renameDeployment(Deployment.DEFAULT_ID, ""), "deployment.name",
                "error.required");
    }

    @Test
    void aNameHasAtMost64Characters() {
        FieldError e = check.refused(() -> service.addDeployment("x".repeat(65)), "deployment.name",
                "error.too_long");

        assertEquals("Deployment name: at most 64 characters are allowed", e.describe(EN));
        assertDoesNotThrow(() -> service.addDeployment("x".repeat(64)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Lab\tA", "Lab\nA", "Lab\u0000", "Lab\u007f"})
    void controlCharactersAreRefused(String name) {
        FieldError e = check.refused(() -> service.addDeployment(name), "deployment.name",
                "error.control_characters");

        assertEquals("Deployment name: control characters are not allowed", e.describe(EN));
    }

    @Test
    void namesAreUniqueIgnoringCaseAndSurroundingBlanks() {
        Deployment lab = service.addDeployment("Lab");

        check.refused(() -> service.addDeployment(" lab "), "deployment.name", "error.duplicate");
        check.refused(() -> service.renameDeployment(lab.id(), "default DEPLOYMENT"), "deployment.name",
                "error.duplicate");
        assertDoesNotThrow(() -> service.renameDeployment(lab.id(), "LAB"), "its own name in another case");
    }

    @Test
    void renamingOrDeletingAnUnknownDeploymentIsNotFound() {
        check.refused(() -> service.renameDeployment("no-such-id", "Lab"), "deployment.name", "error.not_found");
        check.refused(() -> service.deleteDeployment("no-such-id"), "deployment.name", "error.not_found");
    }

    @Test
    void theDefaultDeploymentCannotBeDeleted() {
        FieldError e = check.refused(() -> service.deleteDeployment(Deployment.DEFAULT_ID), "deployment.name",
                "error.default_deployment");

        assertEquals("Deployment name: the default deployment cannot be deleted (it can be renamed)",
                e.describe(EN));
    }
}
