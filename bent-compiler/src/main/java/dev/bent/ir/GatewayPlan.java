package dev.bent.ir;

import java.util.List;

/**
 * A front-proxy listener on a node: every mesh service by Host, behind HTTP basic auth. The users
 * are htpasswd lines with {@code {SHA}} hashes only; no clear password reaches the plan. With
 * {@code tls} the listener serves HTTPS only, with the gateway's own certificate.
 */
public record GatewayPlan(
    int port, List<String> htpasswd, boolean replacesIngress, java.util.Optional<TlsPlan.NodeIdentity> tls) {
  public GatewayPlan {
    htpasswd = List.copyOf(htpasswd);
  }

  /** A gateway serving plain HTTP. */
  public GatewayPlan(int port, List<String> htpasswd, boolean replacesIngress) {
    this(port, htpasswd, replacesIngress, java.util.Optional.empty());
  }
}
