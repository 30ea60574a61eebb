package org.collabedge.config;

import java.util.List;
import java.util.Optional;

/** One immutable snapshot of the whole configuration; services read it, {@link ConfigService} replaces it. */
public record EdgeConfig(List<Deployment> deployments, List<Domain> domains, List<InternalServer> servers,
                         EdgeSettings settings) {

    public EdgeConfig {
        deployments = List.copyOf(deployments);
        domains = List.copyOf(domains);
        servers = List.copyOf(servers);
    }

    public Optional<Deployment> deployment(String id) {
        return deployments.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Optional<Domain> domain(String name) {
        return domains.stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
    }

    public Optional<InternalServer> server(String id) {
        return servers.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public String deploymentName(String id) {
        return deployment(id).map(Deployment::name).orElse(id);
    }

    public List<Domain> domainsIn(String deploymentId) {
        return domains.stream().filter(d -> d.deploymentId().equals(deploymentId)).toList();
    }

    public List<InternalServer> serversIn(String deploymentId) {
        return servers.stream().filter(s -> s.deploymentId().equals(deploymentId)).toList();
    }
}
