package org.collabedge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;

import org.collabedge.config.ExternalChanges;
import org.collabedge.config.RestartNotices;
import org.collabedge.config.ValidationException;
import org.collabedge.i18n.Messages;
import org.collabedge.standalone.FileConfigStore;
import org.collabedge.standalone.LocalSharedState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity settings: the seed's defaults, validated changes, and changes made on another node. */
class IdentitySettingsServiceTest {

    @TempDir
    Path dir;

    private FileConfigStore store;
    private LocalSharedState shared;

    @BeforeEach
    void setUp() {
        store = new FileConfigStore(dir);
        shared = new LocalSharedState(Clock.systemUTC());
    }

    private IdentitySettingsService node(ExternalChanges changes) {
        IdentitySettingsService s = new IdentitySettingsService(store, shared, new RestartNotices());
        s.start(changes);
        return s;
    }

    @Test
    void startsWithTheSeedsDefaults() {
        IdentitySettingsService s = node(new ExternalChanges());
        IdentitySettings d = s.current();
        assertEquals(SsoMode.OFF, s.ssoMode());
        assertEquals(480, d.credentialsRefreshMinutes());
        assertEquals(720, d.credentialsCleanupMinutes());
        assertEquals(0, d.sipTokenExtraTtlSeconds());
        assertTrue(s.checkInternalSsoAvailability(), "the seed: the default option is Yes");
        assertTrue(d.credentialCaching());
    }

    @Test
    void savedSettingsSurviveARestart() {
        node(new ExternalChanges()).save(new IdentitySettings(SsoMode.EXCLUSIVE, 60, 30, 120, false, false));
        IdentitySettingsService again = node(new ExternalChanges());
        assertEquals(SsoMode.EXCLUSIVE, again.ssoMode());
        assertEquals(120, again.current().sipTokenExtraTtlSeconds());
        assertFalse(again.checkInternalSsoAvailability());
    }

    @Test
    void outOfRangeValuesAreRefusedEachByItsField() {
        IdentitySettingsService s = node(new ExternalChanges());
        ValidationException e = assertThrows(ValidationException.class,
                () -> s.save(new IdentitySettings(null, 0, 10_081, -1, true, true)));
        assertTrue(e.hasErrorFor("identity.ssoMode"));
        assertTrue(e.hasErrorFor("identity.credentialsRefreshMinutes"));
        assertTrue(e.hasErrorFor("identity.credentialsCleanupMinutes"));
        assertTrue(e.hasErrorFor("identity.sipTokenExtraTtlSeconds"));
        assertEquals(IdentitySettings.defaults(), node(new ExternalChanges()).current(), "nothing was stored");
        String german = e.errors().get(1).describe(Messages.forLocale(java.util.Locale.GERMAN));
        assertTrue(german.contains("0") && german.contains("10080"), german);
        assertFalse(german.contains("field."), "the field has a German label: " + german);
    }

    @Test
    void aChangeOnAnotherNodeIsFollowed() {
        ExternalChanges changesHere = new ExternalChanges();
        IdentitySettingsService here = node(changesHere);
        node(new ExternalChanges()).save(new IdentitySettings(SsoMode.ON, 480, 720, 0, true, true));
        assertEquals(SsoMode.OFF, here.ssoMode(), "not yet told");
        changesHere.publish(IdentitySettingsService.DOCUMENT);
        assertEquals(SsoMode.ON, here.ssoMode());
        here.stop();
        node(new ExternalChanges()).save(new IdentitySettings(SsoMode.EXCLUSIVE, 480, 720, 0, true, true));
        changesHere.publish(IdentitySettingsService.DOCUMENT);
        assertEquals(SsoMode.ON, here.ssoMode(), "a stopped service no longer listens");
    }
}
