package dev.bent.model;

import dev.bent.diag.Location;

/**
 * Mesh-wide settings from the optional {@code mesh:} section, with documented defaults.
 *
 * <pre>{@code
 * mesh:
 *   ports: {egress: 4000, ingress: 4100, prometheus: 15090, admin: 9901}
 *   accessLog: {path: /dev/stdout}
 * }</pre>
 */
public record MeshSettings(Ports ports, AccessLog accessLog, Location location) {
  public static final int DEFAULT_EGRESS_PORT = 4000;
  public static final int DEFAULT_INGRESS_PORT = 4100;
  public static final int DEFAULT_PROMETHEUS_PORT = 15090;
  public static final int DEFAULT_ADMIN_PORT = 9901;
  public static final String DEFAULT_ACCESS_LOG_PATH = "/dev/stdout";

  public static MeshSettings defaults(Location location) {
    return new MeshSettings(Ports.defaults(), new AccessLog(DEFAULT_ACCESS_LOG_PATH), location);
  }

  /** The four ports every sidecar listens on (admin on loopback only). */
  public record Ports(int egress, int ingress, int prometheus, int admin) {
    public static Ports defaults() {
      return new Ports(
          DEFAULT_EGRESS_PORT, DEFAULT_INGRESS_PORT, DEFAULT_PROMETHEUS_PORT, DEFAULT_ADMIN_PORT);
    }
  }

  /** Where the JSON access log of every listener goes. */
  public record AccessLog(String path) {}
}
