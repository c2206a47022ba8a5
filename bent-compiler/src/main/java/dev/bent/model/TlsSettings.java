package dev.bent.model;

import dev.bent.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Mutual TLS between sidecars ({@code mesh.tls}), read from files.
 *
 * <pre>{@code
 * mesh:
 *   tls:
 *     mode: strict                 # or permissive: ingress also accepts plain text
 *     trustDomain: shop.example
 *     trustBundle: certs/ca.crt    # CA certificates (PEM), relative to the mesh file
 *     certificates: certs          # <node>.crt (chain, leaf first) and <node>.key per node
 *     # or, instead of certificates, one pair of paths that every node reads on its own host:
 *     # certificate: /certs/identity.crt
 *     # key: /certs/identity.key
 *     nodes:                       # optional, per-node paths instead of the convention
 *       gateway: {certificate: gw/tls.crt, key: gw/tls.key}
 *     keyOwner: 101                # uid given the copied key files (default: 101 when run as root)
 *     keyGroup: 101                # gid; when set, key files are 0640 instead of 0600
 *     expiryWarningDays: 30
 *     allowedCallers:              # per service: the services or nodes that may call it
 *       beta.svc: [gamma.svc, alpha]
 * }</pre>
 *
 * <p>The identity model: each node has one certificate whose URI SANs are {@code
 * spiffe://<trustDomain>/service/<name>} for every service the node serves, and {@code
 * spiffe://<trustDomain>/node/<node>} for the node itself. A caller requires the target service's
 * SAN; {@code allowedCallers} match the caller's SANs.
 */
public record TlsSettings(
    Mode mode,
    String trustDomain,
    FileRef trustBundle,
    Optional<FileRef> certificates,
    Optional<NodeCertificate> everyNode,
    Map<String, NodeCertificate> nodes,
    OptionalInt keyOwner,
    OptionalInt keyGroup,
    int expiryWarningDays,
    Map<String, List<Named>> allowedCallers,
    Location location) {
  public static final int DEFAULT_EXPIRY_WARNING_DAYS = 30;
  /** The uid of the official Envoy image's envoy user. */
  public static final int ENVOY_IMAGE_UID = 101;

  public TlsSettings {
    nodes = Map.copyOf(nodes);
    allowedCallers = Map.copyOf(allowedCallers);
  }

  /**
   * The certificate chain file of {@code node}: its own entry, the mesh-wide {@code certificate},
   * or {@code <certificates>/<node>.crt}.
   */
  public Optional<FileRef> certificateOf(String node) {
    NodeCertificate own = nodes.get(node);
    if (own != null) {
      return Optional.of(own.certificate());
    }
    return everyNode.isPresent() ? everyNode.map(NodeCertificate::certificate)
        : certificates.map(dir -> new FileRef(dir.path() + "/" + node + ".crt", dir.location()));
  }

  /** The private key file of {@code node}: its own entry, the mesh-wide {@code key}, or {@code <certificates>/<node>.key}. */
  public Optional<FileRef> keyOf(String node) {
    NodeCertificate own = nodes.get(node);
    if (own != null) {
      return Optional.of(own.key());
    }
    return everyNode.isPresent() ? everyNode.map(NodeCertificate::key)
        : certificates.map(dir -> new FileRef(dir.path() + "/" + node + ".key", dir.location()));
  }

  /** Every file these settings read for {@code nodeNames}, as written (relative to the mesh file). */
  public List<String> paths(java.util.Collection<String> nodeNames) {
    List<String> out = new java.util.ArrayList<>();
    out.add(trustBundle.path());
    for (String node : nodeNames) {
      certificateOf(node).ifPresent(f -> out.add(f.path()));
      keyOf(node).ifPresent(f -> out.add(f.path()));
    }
    return out;
  }

  /** Whether the ingress accepts plain text besides TLS. */
  public enum Mode {
    /** Only mutual TLS between sidecars. */
    STRICT,
    /** TLS and plain text on the ingress, for a migration; egress always uses TLS. */
    PERMISSIVE
  }

  /** A path as written in the mesh file, with where it was written. */
  public record FileRef(String path, Location location) {}

  /** A name as written in the mesh file, with where it was written. */
  public record Named(String name, Location location) {}

  /** The certificate chain and key files of one node, given explicitly. */
  public record NodeCertificate(FileRef certificate, FileRef key) {}
}
