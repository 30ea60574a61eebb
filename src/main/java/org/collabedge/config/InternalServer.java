package org.collabedge.config;

/**
 * A server inside the network that the edge relays to. The password, when there is one, is in the secret store
 * under {@link #secretId()}, never in this record.
 *
 * @param tlsVerify verify the server's certificate and that it names {@code address}; on by default, and then the
 *                  address must be an FQDN
 */
public record InternalServer(String id, ServerType type, String address, int port, Transport transport,
                             boolean tlsVerify, String username, String deploymentId) {

    public String secretId() {
        return "internal-server." + id + ".password";
    }

    /** host:port as a person writes it (IPv6 literals bracketed); just the host when DNS SRV gives the port. */
    public String authority() {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + (port > 0 ? ":" + port : "");
    }

    public InternalServer withDeployment(String newDeploymentId) {
        return new InternalServer(id, type, address, port, transport, tlsVerify, username, newDeploymentId);
    }
}
