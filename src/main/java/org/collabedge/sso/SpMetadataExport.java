package org.collabedge.sso;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.collabedge.cluster.EdgeNode;
import org.collabedge.config.Deployment;
import org.collabedge.config.EdgeConfig;

/**
 * The seed's "Export SAML data": one metadata file per node and deployment, each with that node's entity ID and
 * assertion consumer service (its own public host name and HTTPS port from the node directory), all with the
 * cluster's one SP certificate; and all of them as one zip. Chosen by deployment when there are several.
 */
public final class SpMetadataExport {

    /** One downloadable file: which node and deployment, and what the IdP will pin from it. */
    public record File(String nodeId, String publicHostName, String deploymentId, String deploymentName,
                       String entityId, String acsUrl, String fileName) {
    }

    private final List<EdgeNode> nodes;
    private final EdgeConfig config;
    private final SpCredentials sp;

    /** @param nodes the running nodes, as the node directory lists them */
    public SpMetadataExport(List<EdgeNode> nodes, EdgeConfig config, SpCredentials sp) {
        this.nodes = List.copyOf(nodes);
        this.config = config;
        this.sp = sp;
    }

    /** Every node's file for every deployment (deploymentId null) or for one deployment. */
    public List<File> files(String deploymentId) {
        List<File> files = new ArrayList<>();
        for (EdgeNode node : nodes) {
            SpAddresses a = SpAddresses.of(node, config);
            for (Deployment d : config.deployments()) {
                if (deploymentId == null || d.id().equals(deploymentId)) {
                    files.add(new File(node.nodeId(), node.publicHostName(), d.id(), d.name(), a.entityId(d.id()),
                            a.acsUrl(), fileName(node.nodeId(), d.id())));
                }
            }
        }
        return files;
    }

    /** One node's metadata for one deployment; empty when either is unknown. */
    public Optional<String> metadata(String nodeId, String deploymentId) {
        return files(deploymentId).stream().filter(f -> f.nodeId().equals(nodeId)).findFirst()
                .map(f -> SpMetadataWriter.write(f.entityId(), f.acsUrl(), sp));
    }

    /** The files of {@link #files(String)} as one zip. */
    public byte[] zip(String deploymentId) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (File f : files(deploymentId)) {
                zip.putNextEntry(new ZipEntry(f.fileName()));
                zip.write(SpMetadataWriter.write(f.entityId(), f.acsUrl(), sp).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** {@code collabedge-sp-<node>-<deployment>.xml}, safe as a file name and a header value. */
    public static String fileName(String nodeId, String deploymentId) {
        return safe("collabedge-sp-" + nodeId + "-" + deploymentId) + ".xml";
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
