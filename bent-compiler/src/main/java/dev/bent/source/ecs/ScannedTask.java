package dev.bent.source.ecs;

import java.util.List;
import java.util.Optional;

/**
 * One ECS task as a scan saw it (from DescribeTasks): the parts bent needs, without SDK types.
 *
 * @param desiredStatus what ECS is driving the task to: RUNNING, or STOPPED for a task being stopped
 * @param eniAddresses the private IPv4 addresses from the task's ElasticNetworkInterface attachments
 */
record ScannedTask(
    String arn,
    String clusterArn,
    String definitionArn,
    String desiredStatus,
    String lastStatus,
    String healthStatus,
    List<Container> containers,
    List<String> eniAddresses) {
  ScannedTask {
    containers = List.copyOf(containers);
    eniAddresses = List.copyOf(eniAddresses);
  }

  /** The task id, the last segment of the ARN: the node name. */
  String id() {
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  Optional<Container> container(String name) {
    return containers.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** A running container: its awsvpc addresses and its host port bindings (bridge and host mode). */
  record Container(String name, List<String> addresses, List<PortBinding> bindings) {
    Container {
      addresses = List.copyOf(addresses);
      bindings = List.copyOf(bindings);
    }
  }

  /** A container port published on the host; {@code bindIp} is as ECS reports it. */
  record PortBinding(String bindIp, int containerPort, int hostPort, String protocol) {}
}
