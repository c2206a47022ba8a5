package dev.bent.ir;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One upstream host of a cluster: where to connect, its load-balancing weight if any, and the port
 * its health check goes to when that differs from {@code port}.
 */
public record EndpointPlan(
    String address, int port, OptionalLong weight, OptionalInt healthCheckPort) {

  public static EndpointPlan of(String address, int port) {
    return new EndpointPlan(address, port, OptionalLong.empty(), OptionalInt.empty());
  }

  /** True when the address is a literal IP (a STATIC cluster), false for a DNS name. */
  public boolean isIpLiteral() {
    return Addresses.isIpLiteral(address);
  }
}
