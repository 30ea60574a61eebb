package org.collabedge.http.rules;

/** Where a rule came from: typed on the rule page, read from an uploaded CSV, or derived from an internal server. */
public enum RuleOrigin {
    MANUAL, UPLOADED, AUTOMATIC
}
