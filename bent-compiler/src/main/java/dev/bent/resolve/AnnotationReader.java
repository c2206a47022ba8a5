package dev.bent.resolve;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.Suggestions;
import dev.bent.model.Annotation;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks annotations against {@link AnnotationKey}: unknown names (with a did-you-mean), values of
 * the wrong type or range, service-wide values that two places disagree on, and keys that are
 * recognised but have no effect yet.
 */
final class AnnotationReader {
  private final Diagnostics diagnostics;

  AnnotationReader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /**
   * Reads one place's annotations for {@code service}: service-wide values go into {@code policy}
   * (a different value already there from another place is an error naming both), and the
   * endpoint weight written here, if any, is returned. Call once per annotation list.
   */
  OptionalLong read(String service, List<Annotation> annotations, ServicePolicy policy) {
    OptionalLong weight = OptionalLong.empty();
    for (Annotation annotation : annotations) {
      Optional<AnnotationKey> key = known(annotation);
      Optional<Object> value = key.flatMap(k -> parse(k, annotation));
      if (value.isEmpty()) {
        continue;
      }
      if (!key.get().active()) {
        diagnostics.warning(
            annotation.location(),
            "annotation \"" + annotation.key() + "\" is accepted but has no effect in this version");
      }
      if (key.get() == AnnotationKey.ENDPOINT_WEIGHT) {
        weight = OptionalLong.of((Long) value.get());
        continue;
      }
      ServicePolicy.Setting setting =
          new ServicePolicy.Setting(value.get(), annotation.value(), annotation.location());
      policy
          .put(key.get(), setting)
          .ifPresent(earlier -> conflict(service, annotation, earlier));
    }
    return weight;
  }

  private void conflict(String service, Annotation annotation, ServicePolicy.Setting earlier) {
    diagnostics.error(
        annotation.location(),
        "annotation \""
            + annotation.key()
            + "\" of service \""
            + service
            + "\" is \""
            + annotation.value()
            + "\" here but \""
            + earlier.text()
            + "\" at "
            + earlier.location()
            + "; a service has one value, so set it in one place");
  }

  private Optional<AnnotationKey> known(Annotation annotation) {
    Optional<AnnotationKey> key = AnnotationKey.named(annotation.key());
    if (key.isEmpty()) {
      diagnostics.error(
          annotation.location(),
          "unknown annotation \""
              + annotation.key()
              + "\""
              + Suggestions.didYouMean(annotation.key(), AnnotationKey.names()));
    }
    return key;
  }

  private Optional<Object> parse(AnnotationKey key, Annotation annotation) {
    try {
      return Optional.of(key.kind().parse(annotation.value()));
    } catch (IllegalArgumentException e) {
      diagnostics.error(annotation.location(), key.key() + " " + e.getMessage());
      return Optional.empty();
    }
  }
}
