package org.collabedge.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;

import org.collabedge.config.FieldError;
import org.collabedge.core.EdgeCore;
import org.collabedge.i18n.Messages;

/** What a page handler works with during one request: the core, the form, the model for the template. */
final class PageContext {

    private final HttpServletRequest request;
    private final EdgeCore core;
    private final Messages messages;
    private final Map<String, Object> model = new HashMap<>();
    private final List<FieldError> parseErrors = new ArrayList<>();
    private String redirect;

    PageContext(HttpServletRequest request, EdgeCore core, Messages messages) {
        this.request = request;
        this.core = core;
        this.messages = messages;
    }

    EdgeCore core() {
        return core;
    }

    Messages messages() {
        return messages;
    }

    Map<String, Object> model() {
        return model;
    }

    void put(String key, Object value) {
        model.put(key, value);
    }

    /** A trimmed parameter, or null when absent or blank. */
    String param(String name) {
        String v = request.getParameter(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The request's multipart form (file uploads), within {@code maxBytes}; see {@link MultipartForm}. */
    Map<String, String> multipart(long maxBytes, String field, String tooLargeKey) throws java.io.IOException {
        return MultipartForm.isMultipart(request) ? MultipartForm.read(request, maxBytes, field, tooLargeKey)
                : Map.of();
    }

    /** A parameter exactly as sent (PEM text, passwords), or null. */
    String rawParam(String name) {
        return request.getParameter(name);
    }

    /** Every value of a repeated parameter (checkboxes with one name), trimmed, blanks left out. */
    List<String> params(String name) {
        String[] v = request.getParameterValues(name);
        return v == null ? List.of() : java.util.Arrays.stream(v).filter(x -> !x.isBlank()).map(String::trim)
                .toList();
    }

    /** The admin's session, to bind one-time values (a secret shown once) to the admin who caused them. */
    String sessionId() {
        return request.getSession(true).getId();
    }

    /** A checkbox or on/off select. */
    boolean flag(String name) {
        String v = request.getParameter(name);
        return v != null && (v.equals("on") || v.equals("true"));
    }

    /** An integer field; a missing or malformed value is recorded against {@code field} and 0 returned. */
    int number(String name, String field) {
        String v = param(name);
        if (v == null) {
            parseErrors.add(new FieldError(field, "error.required"));
            return 0;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            parseErrors.add(new FieldError(field, "error.number", v));
            return 0;
        }
    }

    <E extends Enum<E>> E choice(String name, Class<E> type, String field) {
        String v = param(name);
        if (v == null) {
            parseErrors.add(new FieldError(field, "error.required"));
            return null;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            parseErrors.add(new FieldError(field, "error.choice", v));
            return null;
        }
    }

    /** Errors found while reading the form, to be reported with the validator's own. */
    List<FieldError> parseErrors() {
        return parseErrors;
    }

    /** Refuses the form when a field could not even be read (a number that is not one, an unknown choice). */
    void failIfParseErrors() {
        if (!parseErrors.isEmpty()) {
            throw new org.collabedge.config.ValidationException(parseErrors);
        }
    }

    /** After a successful POST: go to this page (relative URL) instead of drawing one. */
    void redirect(String relativeUrl) {
        this.redirect = relativeUrl;
    }

    String redirectTarget() {
        return redirect;
    }
}
