package dev.bent.ir;

import java.util.List;

/**
 * A front-proxy listener on a node: every mesh service by Host, behind HTTP basic auth. The users
 * are htpasswd lines with {@code {SHA}} hashes only; no clear password reaches the plan.
 */
public record GatewayPlan(int port, List<String> htpasswd, boolean replacesIngress) {
  public GatewayPlan {
    htpasswd = List.copyOf(htpasswd);
  }
}
