package org.collabedge.config;

import static org.collabedge.config.RefusalCheck.EN;
import static org.collabedge.config.RefusalCheck.domain;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How a domain change is refused: a name that is missing, not a fully qualified domain name or
 * already taken, a domain deleted meanwhile, a deployment that does not exist.
 * Each refusal names the field and the problem and changes nothing ({@link RefusalCheck}).
 */
class DomainValidationTest {

    @AutoClose
    private final RefusalCheck check = new RefusalCheck();
    private final ConfigService service = check.service();

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aNameIsRequired(String name) {
        check.refused(() -> service.saveDomain(null, domain(name, Deployment.DEFAULT_ID)), "domain.name",
                "error.required");
        check.refused(() -> service.saveDomain(null, domain(null, Deployment.DEFAULT_ID)), "domain.name",
                "error.required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.123", "exa mple.com", "_sip.example.com", "192.0.2.1",
            "-bad.example.com"})
    void theNameMustBeAFullyQualifiedDomainName(String name) {
        FieldError e = check.refused(() -> service.saveDomain(null, domain(name, Deployment.DEFAULT_ID)),
                "domain.name", "error.domain_name");

        assertTrue(e.describe(EN).startsWith("Domain name: '" + HostNames.normalise(name)
                + "' is not a valid domain name"), e.describe(EN));
    }

    @Test
    void aSecondDomainOfTheSameNameIsRefusedWhateverItsCase() {
        FieldError e = check.refused(() -> service.saveDomain(null, domain("EXAMPLE.com.", Deployment.DEFAULT_ID)),
                "domain.name", "error.duplicate");

        assertEquals("Domain name: 'example.com' already exists", e.describe(EN));
    }

    @Test
    void renamingOntoAnotherDomainIsADuplicateButSavingUnderItsOwnNameIsNot() {
        service.saveDomain(null, domain("other.example", Deployment.DEFAULT_ID));

        check.refused(() -> service.saveDomain("other.example", domain("example.com", Deployment.DEFAULT_ID)),
                "domain.name", "error.duplicate");
        assertDoesNotThrow(() -> service.saveDomain("other.example",
                domain("Other.Example", Deployment.DEFAULT_ID)));
    }

    @Test
    void editingADomainThatWasDeletedMeanwhileIsNotFound() {
        FieldError e = check.refused(() -> service.saveDomain("gone.example.com",
                domain("gone.example.com", Deployment.DEFAULT_ID)), "domain.name", "error.not_found");

        assertEquals("Domain name: 'gone.example.com' does not exist (it may have been deleted meanwhile)",
                e.describe(EN));
        check.refused(() -> service.deleteDomain("gone.example.com"), "domain.name", "error.not_found");
    }

    @Test
    void theDeploymentMustExist() {
        FieldError e = check.refused(() -> service.saveDomain(null, domain("new.example.com", "no-such-id")),
                "domain.deployment", "error.unknown_deployment");

        assertEquals("Deployment: there is no deployment 'no-such-id'", e.describe(EN));
        check.refused(() -> service.saveDomain(null, domain("new.example.com", null)), "domain.deployment",
                "error.unknown_deployment");
    }
}
