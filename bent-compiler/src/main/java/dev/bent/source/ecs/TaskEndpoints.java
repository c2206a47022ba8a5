package dev.bent.source.ecs;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.Location;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the address and port at which a task's container port is reached from other tasks.
 *
 * <p>Reasoning, per network mode:
 *
 * <ul>
 *   <li>awsvpc (every Fargate task): the task has its own network interface, so the address is the
 *       task's private IPv4 (the container's {@code networkInterfaces}, else the task's
 *       ElasticNetworkInterface attachment) and the port is the container port.
 *   <li>bridge and host: the port is the {@code hostPort} of the container's network binding for
 *       that container port. The address would be the container instance's, which ECS does not
 *       report (it takes ec2:DescribeInstances); bent uses the binding's {@code bindIP} when it
 *       names one address, and otherwise leaves the endpoint out with a warning.
 * </ul>
 */
final class TaskEndpoints {
  private static final Set<String> ANY_ADDRESS = Set.of("", "0.0.0.0", "::", "[::]");

  /** Where other tasks reach a container port. */
  record HostPort(String address, int port) {}

  private final Diagnostics diagnostics;

  TaskEndpoints(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** The reachable address of {@code port} of {@code container}, or empty with a warning. */
  Optional<HostPort> find(
      ScannedTask task, ScannedDefinition definition, String container, int port, String label) {
    Location at = Location.of(task.arn() + " container " + container + " label " + label);
    Optional<ScannedTask.Container> running = task.container(container);
    if (definition.awsvpc()) {
      Optional<String> address =
          running.flatMap(c -> c.addresses().stream().findFirst())
              .or(() -> task.eniAddresses().stream().findFirst());
      if (address.isEmpty()) {
        diagnostics.warning(at, "the task has no private IPv4 address yet (network interface not"
            + " attached); this endpoint is left out");
      }
      return address.map(a -> new HostPort(a, port));
    }
    if (running.isEmpty()) {
      diagnostics.warning(at, "the task has no container \"" + container + "\"; this endpoint is left out");
      return Optional.empty();
    }
    Optional<ScannedTask.PortBinding> binding =
        running.get().bindings().stream()
            .filter(b -> b.containerPort() == port && !"udp".equals(b.protocol()))
            .findFirst();
    if (binding.isEmpty()) {
      diagnostics.warning(at, "container port " + port + " is not published on the host ("
          + definition.networkMode() + " network mode, no TCP network binding); this endpoint is left out");
      return Optional.empty();
    }
    String bindIp = binding.get().bindIp() == null ? "" : binding.get().bindIp();
    if (ANY_ADDRESS.contains(bindIp)) {
      diagnostics.warning(at, "container port " + port + " is bound to host port "
          + binding.get().hostPort() + " on every address (" + (bindIp.isEmpty() ? "no bindIP" : bindIp)
          + "), and ECS does not report the container instance's address; use awsvpc network mode,"
          + " or bind the port to the instance's address; this endpoint is left out");
      return Optional.empty();
    }
    return Optional.of(new HostPort(bindIp, binding.get().hostPort()));
  }
}
