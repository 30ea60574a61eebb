package org.collabedge.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.collabedge.host.ConfigStore;
import org.collabedge.config.RestartNotices;
import org.collabedge.config.ValidationException;
import org.collabedge.i18n.Messages;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protection settings document: defaults from the seed, validation naming each field, exemptions. */
class ProtectionConfigTest {

    private ConfigStore store;
    private ProtectionConfig config;

    @BeforeEach
    void load() {
        store = new ClusterOfCores.SharedStore().forNode("node-a");
        config = new ProtectionConfig(store, new LocalSharedState(new MutableClock()), new RestartNotices());
        config.load();
    }

    @Test
    void defaultsFollowTheSeed() {
        ProtectionSettings s = config.current();
        assertTrue(s.intrusionProtectionEnabled());
        assertTrue(s.category(FailureCategory.HTTP_PROXY_AUTHORIZATION).enabled());
        assertTrue(s.category(FailureCategory.HTTP_PROXY_PROTOCOL).enabled());
        assertTrue(s.category(FailureCategory.XMPP_PROTOCOL).enabled());
        assertFalse(s.category(FailureCategory.HTTP_PROXY_RESOURCE_ACCESS).enabled(), "the seed warns against it");
        assertTrue(s.exemptions().isEmpty());
        assertTrue(store.load(ProtectionConfig.DOCUMENT).isEmpty(), "nothing stored until an admin saves");
    }

    @Test
    void refusedValuesNameTheirFieldsInEnglishAndGerman() {
        ProtectionSettings s = config.current();
        ProtectionSettings bad = new ProtectionSettings(0, 86_401, true, s.categories(), s.exemptions())
                .withCategory(FailureCategory.SIP_AUTHENTICATION, new CategorySettings(true, 0, 0, 0));
        ValidationException e = assertThrows(ValidationException.class, () -> config.saveRules(bad));
        assertEquals(5, e.errors().size());
        assertTrue(e.hasErrorFor("protection.maxAuthorizationsPerPeriod"));
        assertTrue(e.hasErrorFor("protection.sip_authentication.banSeconds"));
        assertEquals("Rate control period (seconds): 86401 is outside 1 to 86400",
                e.errors().get(1).describe(Messages.english()));
        assertFalse(e.errors().get(1).describe(Messages.forLocale(Locale.GERMAN)).contains("field."));
        assertEquals(s, config.current(), "nothing stored");
    }

    @Test
    void exemptionsAreStoredInNormalFormAndBadOnesRefused() {
        config.addExemption(" 10.1.2.3/8 ");
        config.addExemption("2001:DB8::/48");
        assertEquals(java.util.List.of("10.0.0.0/8", "2001:db8:0:0:0:0:0:0/48"), config.current().exemptions());
        assertThrows(ValidationException.class, () -> config.addExemption("10.9.9.9/8"), "a duplicate block");
        ValidationException name = assertThrows(ValidationException.class, () -> config.addExemption("vpn.example"));
        assertEquals("Exemption: 'vpn.example' is not an IPv4 or IPv6 address or CIDR block (such as 192.0.2.0/24)",
                name.getMessage());
        assertThrows(ValidationException.class, () -> config.removeExemption("192.0.2.1"));
        config.removeExemption("10.0.0.0/8");
        assertEquals(java.util.List.of("2001:db8:0:0:0:0:0:0/48"), config.current().exemptions());
    }

    @Test
    void savingRulesKeepsTheExemptionsStoredMeanwhile() {
        ProtectionSettings fromPage = config.current();
        config.addExemption("192.0.2.1"); // another admin, after the page was drawn
        config.saveRules(fromPage.withCategory(FailureCategory.SIP_PROTOCOL, new CategorySettings(true, 9, 9, 9)));
        assertEquals(java.util.List.of("192.0.2.1"), config.current().exemptions());
        ProtectionConfig reloaded = new ProtectionConfig(store, new LocalSharedState(new MutableClock()),
                new RestartNotices());
        reloaded.load();
        assertEquals(config.current(), reloaded.current(), "the stored document reads back equal");
    }
}
