package org.collabedge.status;

import java.util.List;

/**
 * One thing the status page tells the admin: how serious, what (an i18n key with arguments), and which page fixes it.
 */
public record Finding(Severity severity, String messageKey, List<Object> args, String fixPage) {

    public enum Severity { ERROR, WARNING, INFO }

    public static Finding error(String key, String fixPage, Object... args) {
        return new Finding(Severity.ERROR, key, List.of(args), fixPage);
    }

    public static Finding warning(String key, String fixPage, Object... args) {
        return new Finding(Severity.WARNING, key, List.of(args), fixPage);
    }

    public static Finding info(String key, String fixPage, Object... args) {
        return new Finding(Severity.INFO, key, List.of(args), fixPage);
    }
}
