package dev.bent.source.ecs;

import dev.bent.diag.Location;
import dev.bent.diag.Suggestions;
import dev.bent.resolve.AnnotationKey;
import dev.bent.resolve.Names;
import dev.bent.value.Numbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the bent docker labels of one task definition (the seed's scheme):
 *
 * <pre>
 * envoy.service.&lt;service&gt;: &lt;container&gt;:&lt;port&gt;          the container serves the service on the port
 * envoy.service.&lt;service&gt;.annotations.&lt;key&gt;: &lt;value&gt;  an annotation of the service
 * </pre>
 *
 * <p>A service name may contain dots ({@code envoy.service.beta.svc: app:3000} is service
 * "beta.svc"), so the name is what follows the prefix, up to {@code .annotations.} if present. A
 * label may sit on any container of the definition; the value names the serving container. Labels
 * without the prefix are not bent's and are left alone. Every bad label is reported through {@link
 * LabelProblems} with the definition ARN, the container and the label, and skipped.
 */
final class DockerLabels {
  static final String PREFIX = "envoy.service.";
  static final String ANNOTATIONS = ".annotations.";

  /** {@code <container>:<port>} of a definition makes this container serve {@code service}. */
  record Binding(String service, String container, int port, Location location) {}

  /** An annotation label of {@code service}, its key known and its value valid. */
  record LabelAnnotation(String service, AnnotationKey key, String value, Location location) {}

  /** The good labels of one definition, in definition order (containers), then by label key. */
  record Reading(List<Binding> bindings, List<LabelAnnotation> annotations) {
    Reading {
      bindings = List.copyOf(bindings);
      annotations = List.copyOf(annotations);
    }
  }

  private DockerLabels() {}

  static Reading read(ScannedDefinition definition, LabelProblems problems) {
    List<Binding> bindings = new ArrayList<>();
    List<LabelAnnotation> annotations = new ArrayList<>();
    definition.labels().forEach(
        (container, labels) -> labels.forEach((key, value) -> {
          if (!key.startsWith(PREFIX)) {
            return;
          }
          Location at = LabelProblems.at(definition.arn(), container, key);
          String rest = key.substring(PREFIX.length());
          int split = rest.indexOf(ANNOTATIONS);
          if (split >= 0) {
            annotation(rest.substring(0, split), rest.substring(split + ANNOTATIONS.length()), value, at, problems)
                .ifPresent(annotations::add);
          } else {
            binding(definition, rest, value, at, problems).ifPresent(bindings::add);
          }
        }));
    Set<String> served = new LinkedHashSet<>();
    bindings.forEach(b -> served.add(b.service()));
    return new Reading(bindings, consistent(annotations, served, problems));
  }

  private static Optional<Binding> binding(
      ScannedDefinition definition, String service, String value, Location at, LabelProblems problems) {
    if (!serviceNameOk(service, at, problems)) {
      return Optional.empty();
    }
    int colon = value.indexOf(':');
    if (colon < 0 || colon != value.lastIndexOf(':')) {
      problems.report(at, "value \"" + value + "\" must be <container>:<port>, for example \"app:3000\"");
      return Optional.empty();
    }
    String container = value.substring(0, colon);
    String portText = value.substring(colon + 1);
    if (!definition.labels().containsKey(container)) {
      problems.report(
          at,
          "container \"" + container + "\" is not in the task definition"
              + Suggestions.didYouMean(container, definition.labels().keySet())
              + "; containers: " + String.join(", ", definition.labels().keySet()));
      return Optional.empty();
    }
    int port;
    try {
      port = (int) Numbers.integer(portText, 1, 65535);
    } catch (IllegalArgumentException e) {
      problems.report(at, "port " + e.getMessage());
      return Optional.empty();
    }
    return Optional.of(new Binding(service, container, port, at));
  }

  private static Optional<LabelAnnotation> annotation(
      String service, String key, String value, Location at, LabelProblems problems) {
    if (!serviceNameOk(service, at, problems)) {
      return Optional.empty();
    }
    Optional<AnnotationKey> known = AnnotationKey.named(key);
    if (known.isEmpty()) {
      problems.report(
          at, "unknown annotation \"" + key + "\"" + Suggestions.didYouMean(key, AnnotationKey.names()));
      return Optional.empty();
    }
    Optional<String> bad = known.get().valueProblem(value);
    if (bad.isPresent()) {
      problems.report(at, key + " " + bad.get());
      return Optional.empty();
    }
    return Optional.of(new LabelAnnotation(service, known.get(), value, at));
  }

  private static boolean serviceNameOk(String service, Location at, LabelProblems problems) {
    String problem = service.isEmpty() ? "the label names no service" : Names.serviceNameProblem(service);
    if (problem != null) {
      problems.report(at, problem);
      return false;
    }
    return true;
  }

  /**
   * Keeps annotations of services that this definition serves, one value per service and key: a
   * second, different value (on another container) is reported and the first is kept.
   */
  private static List<LabelAnnotation> consistent(
      List<LabelAnnotation> annotations, Set<String> served, LabelProblems problems) {
    Map<String, LabelAnnotation> kept = new LinkedHashMap<>();
    for (LabelAnnotation a : annotations) {
      if (!served.contains(a.service())) {
        problems.report(
            a.location(),
            "the task definition has no label " + PREFIX + a.service() + ", so no container serves \""
                + a.service() + "\"" + Suggestions.didYouMean(a.service(), served));
        continue;
      }
      String slot = a.service() + "\n" + a.key().key();
      LabelAnnotation first = kept.putIfAbsent(slot, a);
      if (first != null && !first.value().equals(a.value())) {
        problems.report(
            a.location(),
            a.key().key() + " of \"" + a.service() + "\" is \"" + a.value() + "\" here but \""
                + first.value() + "\" at " + first.location());
      }
    }
    return List.copyOf(kept.values());
  }
}
