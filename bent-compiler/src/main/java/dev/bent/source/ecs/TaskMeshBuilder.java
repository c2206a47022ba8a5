package dev.bent.source.ecs;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.Location;
import dev.bent.model.Annotation;
import dev.bent.model.EndpointEntry;
import dev.bent.model.Mesh;
import dev.bent.model.MeshSettings;
import dev.bent.model.NodeEntry;
import dev.bent.model.ServiceEntry;
import dev.bent.resolve.AnnotationKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a scan into a {@link Mesh}: every task that receives traffic is a node named by its task
 * id, serving the services its task definition's labels bind, at the task's address; every other
 * task that is to run (starting, or unhealthy) is a node that serves nothing.
 *
 * <pre>{@code
 * services:                     # service-wide annotations, merged over the task definitions
 * - name: echo.alpha
 *   annotations: {healthcheck.path: /gimme-healthz}
 * nodes:
 *   0f1e2d3c4b5a69788796a5b4c3d2e1f0:        # one task
 *   - name: echo.alpha
 *     endpoints: [{address: 10.0.1.17, port: 3000}]
 * }</pre>
 *
 * <p>Reasoning: service-wide annotations go to one {@code services:} entry (without endpoints, so
 * the resolver still derives the sidecars from the nodes), since during a rolling deployment two
 * revisions may disagree; the newest registered revision wins, with a warning. {@code
 * endpoint.weight} is per endpoint, so it stays on each task's endpoints (a canary revision can
 * carry a small weight). Everything is sorted, so the same tasks give the same mesh.
 */
final class TaskMeshBuilder {
  private static final Set<String> STARTING = Set.of("PROVISIONING", "PENDING", "ACTIVATING");

  private final EcsOptions options;
  private final Diagnostics diagnostics;
  private final LabelProblems problems;
  private final TaskEndpoints endpoints;
  private final Map<String, DockerLabels.Reading> readings = new HashMap<>();
  /** service -> annotation key -> definition ARN -> the annotation there. */
  private final Map<String, Map<String, Map<String, DockerLabels.LabelAnnotation>>> serviceWide =
      new TreeMap<>();

  TaskMeshBuilder(EcsOptions options, Diagnostics diagnostics) {
    this.options = options;
    this.diagnostics = diagnostics;
    this.problems = new LabelProblems(diagnostics, options.strict());
    this.endpoints = new TaskEndpoints(diagnostics);
  }

  Mesh build(String origin, EcsScanner.Snapshot snapshot, Set<String> wantedNodes) {
    List<ScannedTask> tasks = new ArrayList<>(snapshot.tasks());
    tasks.sort(Comparator.comparing(ScannedTask::id).thenComparing(ScannedTask::arn));
    Map<String, ScannedDefinition> definitions = snapshot.definitions();
    List<NodeEntry> nodes = new ArrayList<>();
    int serving = 0;
    for (ScannedTask task : tasks) {
      ScannedDefinition definition = definitions.get(task.definitionArn());
      if (definition == null) {
        continue;
      }
      if (receivesTraffic(task) || wantedNodes.contains(task.id())) {
        nodes.add(node(task, definition));
        serving++;
      } else if ("RUNNING".equals(task.desiredStatus())) {
        nodes.add(idle(task, definition));
      }
    }
    if (serving == 0) {
      diagnostics.warning(Location.of(origin), "found no task that receives traffic ("
          + snapshot.tasks().size() + " tasks listed)");
    }
    return new Mesh(origin, MeshSettings.defaults(Location.of(origin)), services(definitions), nodes);
  }

  /**
   * Desired and last status RUNNING (or starting, with includePending), and healthy enough: see
   * {@link EcsOptions} for how the options combine.
   */
  boolean receivesTraffic(ScannedTask task) {
    boolean up = "RUNNING".equals(task.lastStatus())
        || (options.includePending() && STARTING.contains(task.lastStatus()));
    return "RUNNING".equals(task.desiredStatus()) && up && healthy(task.healthStatus());
  }

  private boolean healthy(String health) {
    if (options.healthyOnly()) {
      return "HEALTHY".equals(health);
    }
    return options.includeUnhealthy() || !"UNHEALTHY".equals(health);
  }

  /**
   * A task that is to run but receives no traffic (starting, or failing its health check): a node
   * that serves nothing, so its own sidecar can be compiled and no other node routes to it.
   */
  private static NodeEntry idle(ScannedTask task, ScannedDefinition definition) {
    String revision = definition.arn().substring(definition.arn().lastIndexOf('/') + 1);
    return new NodeEntry(task.id(), List.of(), Location.of(task.arn() + " (" + revision + ", "
        + task.lastStatus() + ", health " + task.healthStatus() + ": receives no traffic)"));
  }

  private NodeEntry node(ScannedTask task, ScannedDefinition definition) {
    DockerLabels.Reading reading =
        readings.computeIfAbsent(definition.arn(), arn -> DockerLabels.read(definition, problems));
    Map<String, Map<String, EndpointEntry>> byService = new TreeMap<>();
    for (DockerLabels.Binding binding : reading.bindings()) {
      List<Annotation> endpointAnnotations = new ArrayList<>();
      for (DockerLabels.LabelAnnotation a : reading.annotations()) {
        if (!a.service().equals(binding.service())) {
          continue;
        }
        if (a.key().scope() == AnnotationKey.Scope.ENDPOINT) {
          endpointAnnotations.add(new Annotation(a.key().key(), a.value(), a.location()));
        } else {
          serviceWide
              .computeIfAbsent(a.service(), s -> new TreeMap<>())
              .computeIfAbsent(a.key().key(), k -> new TreeMap<>())
              .putIfAbsent(definition.arn(), a);
        }
      }
      String label = DockerLabels.PREFIX + binding.service();
      endpoints.find(task, definition, binding.container(), binding.port(), label).ifPresent(hp -> {
        Location at = Location.of(task.arn() + " container " + binding.container() + " label " + label);
        byService
            .computeIfAbsent(binding.service(), s -> new TreeMap<>())
            .putIfAbsent(
                sortKey(hp.address(), hp.port()),
                new EndpointEntry(hp.address(), hp.port(), endpointAnnotations, at));
      });
    }
    List<ServiceEntry> services = new ArrayList<>();
    byService.forEach((service, found) -> services.add(new ServiceEntry(
        service, List.of(), List.copyOf(found.values()),
        Location.of(task.arn() + " label " + DockerLabels.PREFIX + service))));
    String revision = definition.arn().substring(definition.arn().lastIndexOf('/') + 1);
    return new NodeEntry(task.id(), services, Location.of(task.arn() + " (" + revision + ")"));
  }

  /** One entry per service that has service-wide annotations; a disagreement goes to the newest. */
  private List<ServiceEntry> services(Map<String, ScannedDefinition> definitions) {
    Comparator<String> newestFirst = Comparator.comparing(
            (String arn) -> definitions.get(arn).registeredAt())
        .thenComparing(Comparator.naturalOrder())
        .reversed();
    List<ServiceEntry> out = new ArrayList<>();
    serviceWide.forEach((service, byKey) -> {
      List<Annotation> annotations = new ArrayList<>();
      byKey.forEach((key, byDefinition) -> {
        List<String> arns = new ArrayList<>(byDefinition.keySet());
        arns.sort(newestFirst);
        DockerLabels.LabelAnnotation winner = byDefinition.get(arns.get(0));
        for (String arn : arns.subList(1, arns.size())) {
          DockerLabels.LabelAnnotation other = byDefinition.get(arn);
          if (!other.value().equals(winner.value())) {
            problems.report(other.location(), key + " of \"" + service + "\" is \"" + other.value()
                + "\" here but \"" + winner.value() + "\" in the newer " + arns.get(0)
                + ", whose value is used");
          }
        }
        annotations.add(new Annotation(key, winner.value(), winner.location()));
      });
      out.add(new ServiceEntry(service, annotations, List.of(), annotations.get(0).location()));
    });
    return out;
  }

  /** Orders endpoints by address (numerically for IPv4), then port. */
  static String sortKey(String address, int port) {
    StringBuilder key = new StringBuilder();
    if (address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
      for (String part : address.split("\\.")) {
        key.append(String.format("%03d.", Integer.parseInt(part)));
      }
    } else {
      key.append('~').append(address);
    }
    return key.append(String.format(":%05d", port)).toString();
  }
}
