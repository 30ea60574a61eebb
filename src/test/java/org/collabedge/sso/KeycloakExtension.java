package org.collabedge.sso;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class the running {@link KeycloakServer} as a test-method parameter. Keycloak starts once per JVM,
 * with the first class that asks, and stops when the test run ends (it lives in the root store, which closes it),
 * so splitting the Keycloak tests into classes does not start it again. Without the dist the tests are skipped,
 * except on CI, where they fail.
 */
final class KeycloakExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeycloakServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return running(context);
    }

    private static KeycloakServer running(ExtensionContext context) {
        Path dist = KeycloakServer.dist();
        if (dist == null) {
            assumeTrue(System.getenv("CI") != null, "Keycloak dist not resolved (mvn -DskipKeycloak?); required on CI");
            throw new AssertionError("Keycloak dist missing on CI");
        }
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KeycloakServer.class, key -> {
                    try {
                        return KeycloakServer.start(dist);
                    } catch (Exception e) {
                        throw new IllegalStateException("Keycloak did not start", e);
                    }
                }, KeycloakServer.class);
    }
}
