package org.collabedge.sip.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.collabedge.config.FieldError;

/**
 * The minimum an admin-chosen SIP secret must meet. A SIP digest can be attacked offline from one captured exchange,
 * so length matters most: at least 12 characters of three kinds, or 20 of any kind, and not the user's own name.
 */
final class SecretStrength {

    static final int MIN_LENGTH = 12;
    static final int PASSPHRASE_LENGTH = 20;
    static final int MAX_LENGTH = 256;

    private SecretStrength() {
    }

    static List<FieldError> check(String user, char[] secret) {
        List<FieldError> errors = new ArrayList<>();
        if (secret == null || secret.length == 0) {
            errors.add(new FieldError("secret.value", "error.required"));
            return errors;
        }
        String s = new String(secret);
        if (s.length() > MAX_LENGTH) {
            errors.add(new FieldError("secret.value", "error.too_long", MAX_LENGTH));
        } else if (s.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("secret.value", "error.control_characters"));
        } else if (s.length() < MIN_LENGTH) {
            errors.add(new FieldError("secret.value", "error.secret.too_short", MIN_LENGTH));
        } else if (s.length() < PASSPHRASE_LENGTH && kinds(s) < 3) {
            errors.add(new FieldError("secret.value", "error.secret.too_simple", PASSPHRASE_LENGTH));
        } else if (user != null && s.toLowerCase(Locale.ROOT).contains(user.toLowerCase(Locale.ROOT))) {
            errors.add(new FieldError("secret.value", "error.secret.contains_user"));
        }
        return errors;
    }

    /** How many of lower case, upper case, digits and other characters occur. */
    private static int kinds(String s) {
        boolean lower = s.chars().anyMatch(Character::isLowerCase);
        boolean upper = s.chars().anyMatch(Character::isUpperCase);
        boolean digit = s.chars().anyMatch(Character::isDigit);
        boolean other = s.chars().anyMatch(c -> !Character.isLetterOrDigit(c));
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }
}
