package org.collabedge.sip.config;

/**
 * How the edge passes REGISTERs on to internal call control (the seed's "SIP Path headers" setting): by rewriting
 * the Contact to an edge address (default), or by keeping the client's Contact and adding the edge to Path (RFC 3327),
 * which lets a device register several lines or share lines.
 */
public enum RegistrationMode {
    CONTACT_REWRITE, PATH
}
