package org.collabedge.sip.validation;

/** Why a request is refused before any processing: the status and a reason phrase that names the problem. */
public record Refusal(int status, String reason) {
}
