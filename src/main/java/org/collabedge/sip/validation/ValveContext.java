package org.collabedge.sip.validation;

import java.util.function.Consumer;

import org.collabedge.protection.SecurityEvents;

/**
 * What the stack's valve needs from the edge; the stack builds the valve by class name, so this reaches it inside
 * the stack's configuration properties under {@link #PROPERTY}.
 *
 * @param refusals told of every refusal (metrics)
 */
public record ValveContext(RequestValidator validator, SecurityEvents events, Consumer<Refusal> refusals) {

    public static final String PROPERTY = "org.collabedge.sip.VALVE_CONTEXT";
}
