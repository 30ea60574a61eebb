package org.collabedge.config;

/**
 * A SIP/XMPP domain the edge serves, with the services switched on for it.
 *
 * @param sipOnEdge       SIP registrations and provisioning on the edge: the edge is the registrar
 * @param sipOnInternal   SIP registrations and provisioning on internal call control
 * @param imAndPresence   IM and presence through the internal IM and presence servers
 * @param xmppFederation  XMPP federation for this domain
 * @param deploymentId    the one deployment that encloses this domain
 */
public record Domain(String name, boolean sipOnEdge, boolean sipOnInternal, boolean imAndPresence,
                     boolean xmppFederation, String deploymentId) {

    /**
     * The seed's rule: IM and presence cannot work without internal call control, so while it is on, internal SIP
     * behaves as on whatever its own setting says.
     */
    public boolean effectiveSipOnInternal() {
        return sipOnInternal || imAndPresence;
    }

    public Domain withDeployment(String newDeploymentId) {
        return new Domain(name, sipOnEdge, sipOnInternal, imAndPresence, xmppFederation, newDeploymentId);
    }
}
