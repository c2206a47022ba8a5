package dev.bent.model;

import dev.bent.diag.Location;
import java.util.List;
import java.util.Optional;

/**
 * Mesh-wide settings from the optional {@code mesh:} section, with documented defaults.
 *
 * <pre>{@code
 * mesh:
 *   ports: {egress: 4000, ingress: 4100, prometheus: 15090, admin: 9901}
 *   accessLog: {path: /dev/stdout}          # or {enabled: false}
 *   tracing: {zipkin: {address: jaeger, port: 9411}, sampling: 100}
 *   gateways:
 *   - node: ingress
 *     port: 4100
 *     basicAuth: {htpasswd: users.htpasswd}  # or users: [{name: jimmy, passwordEnv: JIMMY_PASSWORD}]
 *   tls: {mode: strict, trustDomain: shop.example, trustBundle: ca.crt, certificates: certs}
 *   localClusters: bootstrap               # or cds, the default
 * }</pre>
 *
 * <p>{@link TlsSettings} describes {@code tls}.
 */
public record MeshSettings(
    Ports ports,
    AccessLog accessLog,
    Optional<Tracing> tracing,
    List<Gateway> gateways,
    Location location,
    Optional<TlsSettings> tls,
    LocalClusters localClusters) {
  public static final int DEFAULT_EGRESS_PORT = 4000;
  public static final int DEFAULT_INGRESS_PORT = 4100;
  public static final int DEFAULT_PROMETHEUS_PORT = 15090;
  public static final int DEFAULT_ADMIN_PORT = 9901;
  public static final String DEFAULT_ACCESS_LOG_PATH = "/dev/stdout";

  public MeshSettings {
    gateways = List.copyOf(gateways);
  }

  /** Settings without TLS between sidecars. */
  public MeshSettings(
      Ports ports, AccessLog accessLog, Optional<Tracing> tracing, List<Gateway> gateways, Location location) {
    this(ports, accessLog, tracing, gateways, location, Optional.empty());
  }

  /** Settings with local clusters in the CDS file, the default. */
  public MeshSettings(
      Ports ports, AccessLog accessLog, Optional<Tracing> tracing, List<Gateway> gateways, Location location,
      Optional<TlsSettings> tls) {
    this(ports, accessLog, tracing, gateways, location, tls, LocalClusters.CDS);
  }

  /**
   * Where each node's local clusters go: the clusters of the services it serves itself, which
   * lead to its own apps.
   */
  public enum LocalClusters {
    /** In the node's CDS file, after the egress clusters: every change reloads without a restart. */
    CDS,
    /**
     * In the node's bootstrap, as static clusters. Every node's CDS file then holds only the egress
     * clusters and is the same file on every node (without mesh TLS), so a change of endpoints
     * writes it once for all nodes; a change to a node's own services changes its bootstrap, which
     * Envoy reads only when it starts.
     */
    BOOTSTRAP
  }

  public static MeshSettings defaults(Location location) {
    return new MeshSettings(
        Ports.defaults(), AccessLog.defaults(), Optional.empty(), List.of(), location);
  }

  /** The four ports every sidecar listens on (admin on loopback only). */
  public record Ports(int egress, int ingress, int prometheus, int admin) {
    public static Ports defaults() {
      return new Ports(
          DEFAULT_EGRESS_PORT, DEFAULT_INGRESS_PORT, DEFAULT_PROMETHEUS_PORT, DEFAULT_ADMIN_PORT);
    }
  }

  /** Where the JSON access log of every listener goes, or that there is none. */
  public record AccessLog(boolean enabled, String path) {
    public static AccessLog defaults() {
      return new AccessLog(true, DEFAULT_ACCESS_LOG_PATH);
    }
  }

  /** The tracing collector every sidecar reports spans to. */
  public record Tracing(Provider provider, String address, int port, String path, double samplingPercent, Location location) {
    /** The span protocol. */
    public enum Provider {
      /** Zipkin v2 JSON over HTTP (Jaeger accepts it on 9411). */
      ZIPKIN,
      /** OpenTelemetry over gRPC (Jaeger accepts it on 4317). */
      OTEL
    }
  }

  /**
   * A node that acts as the mesh's front proxy, behind HTTP basic auth; with {@code tls} it serves
   * HTTPS only, with its own server certificate.
   */
  public record Gateway(
      String node, int port, Optional<String> htpasswd, List<User> users, Location location,
      Optional<TlsSettings.NodeCertificate> tls) {
    public Gateway {
      users = List.copyOf(users);
    }

    /** A gateway serving plain HTTP. */
    public Gateway(String node, int port, Optional<String> htpasswd, List<User> users, Location location) {
      this(node, port, htpasswd, users, location, Optional.empty());
    }
  }

  /** A gateway user whose password is read from an environment variable at compile time. */
  public record User(String name, String passwordEnv, Location location) {}
}
