package dev.bent.source.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** ECS Task objects as DescribeTasks returns them, for {@link FakeEcs}, and changes to them. */
public final class TaskJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TaskJson() {}

  /** A RUNNING, HEALTHY task of {@code definition}; in awsvpc mode at {@code address}. */
  static ObjectNode task(String cluster, String id, ObjectNode definition, String address) {
    String arn = FakeEcs.taskArn(cluster, id);
    boolean awsvpc = "awsvpc".equals(definition.path("networkMode").asText());
    ObjectNode task = JSON.createObjectNode();
    task.put("taskArn", arn).put("clusterArn", FakeEcs.clusterArn(cluster));
    task.put("taskDefinitionArn", definition.path("taskDefinitionArn").asText()).put("lastStatus", "RUNNING");
    task.put("desiredStatus", "RUNNING").put("healthStatus", "HEALTHY");
    task.put("launchType", awsvpc ? "FARGATE" : "EC2");
    ArrayNode containers = task.putArray("containers");
    for (JsonNode c : definition.path("containerDefinitions")) {
      ObjectNode container = containers.addObject();
      container.put("name", c.path("name").asText()).put("lastStatus", "RUNNING").put("taskArn", arn);
      if (awsvpc) {
        container.putArray("networkInterfaces").addObject()
            .put("attachmentId", "eni-attach-" + id).put("privateIpv4Address", address);
      }
    }
    if (awsvpc) {
      ObjectNode eni = task.putArray("attachments").addObject()
          .put("id", "eni-attach-" + id).put("type", "ElasticNetworkInterface").put("status", "ATTACHED");
      ArrayNode details = eni.putArray("details");
      details.addObject().put("name", "subnetId").put("value", "subnet-0abc");
      details.addObject().put("name", "privateIPv4Address").put("value", address);
    }
    return task;
  }

  /** Gives an awsvpc task another private address. */
  public static ObjectNode withAddress(ObjectNode task, String address) {
    for (JsonNode container : task.path("containers")) {
      for (JsonNode eni : container.path("networkInterfaces")) {
        ((ObjectNode) eni).put("privateIpv4Address", address);
      }
    }
    for (JsonNode detail : task.path("attachments").path(0).path("details")) {
      if (detail.path("name").asText().equals("privateIPv4Address")) {
        ((ObjectNode) detail).put("value", address);
      }
    }
    return task;
  }

  /** Publishes {@code containerPort} of the task's first container on the host (bridge, host). */
  public static void bind(ObjectNode task, String bindIp, int containerPort, int hostPort) {
    ((ObjectNode) task.withArray("containers").get(0)).withArray("networkBindings").addObject()
        .put("bindIP", bindIp).put("containerPort", containerPort).put("hostPort", hostPort)
        .put("protocol", "tcp");
  }
}
