package org.collabedge.protection;

import java.util.ArrayList;
import java.util.List;

import org.collabedge.config.DocumentCodec;
import org.collabedge.config.DocumentListener;
import org.collabedge.config.FieldError;
import org.collabedge.config.RestartNotices;
import org.collabedge.config.SharedDocument;
import org.collabedge.config.ValidationException;
import org.collabedge.host.ConfigStore;
import org.collabedge.host.SharedState;

/**
 * The "protection-config" document: read, changed cluster-safely under its lock, validated before it is stored.
 * Every change applies live (the service reads the current document on each event), so nothing waits for a restart.
 */
public final class ProtectionConfig {

    public static final String DOCUMENT = "protection-config";

    private final SharedDocument<ProtectionSettings> document;
    private final ProtectionValidator validator = new ProtectionValidator();

    public ProtectionConfig(ConfigStore store, SharedState shared, RestartNotices restartNotices) {
        document = new SharedDocument<>(DOCUMENT, new DocumentCodec<>(ProtectionSettings.class, 1),
                ProtectionSettings::defaults, store, shared, restartNotices);
    }

    public void load() {
        document.load();
    }

    public SharedDocument<ProtectionSettings> document() {
        return document;
    }

    public ProtectionSettings current() {
        return document.current();
    }

    public void addListener(DocumentListener<ProtectionSettings> listener) {
        document.addListener(listener);
    }

    /** Replaces rate control and category rules, keeping the exemptions as stored. */
    public ProtectionSettings saveRules(ProtectionSettings rules) {
        return document.change(stored -> checked(rules.withExemptions(stored.exemptions())));
    }

    /** Adds an address or CIDR block, stored in its normal form. */
    public ProtectionSettings addExemption(String text) {
        Cidr cidr = Cidr.parse(text).orElseThrow(() -> new ValidationException(
                new FieldError("protection.exemption", "error.protection.exemption", text == null ? "" : text)));
        return document.change(stored -> checked(stored.withExemptionAdded(cidr.toString())));
    }

    /** Removes an exemption; refused when it is not there (another admin may have removed it). */
    public ProtectionSettings removeExemption(String text) {
        return document.change(stored -> {
            List<String> l = new ArrayList<>(stored.exemptions());
            if (!l.remove(text)) {
                throw new ValidationException(
                        new FieldError("protection.exemption", "error.protection.exemption_unknown", text));
            }
            return checked(stored.withExemptions(l));
        });
    }

    private ProtectionSettings checked(ProtectionSettings s) {
        validator.check(s);
        return s;
    }
}
