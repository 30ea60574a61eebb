package org.collabedge.config;

import java.util.List;

import org.collabedge.i18n.Messages;

/**
 * One refused value: which field, and what is wrong with it, as an i18n key with arguments so every page can say
 * it in the admin's language.
 */
public record FieldError(String field, String problemKey, List<Object> args) {

    public FieldError(String field, String problemKey, Object... args) {
        // Arrays.asList, not List.of: a refused value may itself be null, and must still be reported.
        this(field, problemKey, java.util.Collections.unmodifiableList(java.util.Arrays.asList(args)));
    }

    /** "Field label: problem", in the given language. */
    public String describe(Messages messages) {
        return label(messages) + ": " + problem(messages);
    }

    public String label(Messages messages) {
        return messages.get("field." + field);
    }

    public String problem(Messages messages) {
        Object[] shown = args.stream()
                .map(a -> a instanceof FieldRef ref ? messages.get("field." + ref.field())
                        : a instanceof Number n ? String.valueOf(n) : a) // ports read 5061, not 5,061
                .toArray();
        return messages.get(problemKey, shown);
    }

    /** An argument that names another field, shown by its label. */
    public record FieldRef(String field) {
    }
}
