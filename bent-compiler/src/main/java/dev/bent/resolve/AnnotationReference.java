package dev.bent.resolve;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Renders the annotation table of {@link AnnotationKey} as Markdown, for the README; a test keeps
 * the README's copy identical, so documentation and validation cannot drift apart.
 */
public final class AnnotationReference {
  private AnnotationReference() {}

  public static String markdown() {
    StringBuilder table = new StringBuilder();
    table.append("| annotation | value | default | where | effect | Envoy field |\n");
    table.append("|---|---|---|---|---|---|\n");
    Arrays.stream(AnnotationKey.values())
        .sorted(Comparator.comparing(AnnotationKey::key))
        .forEach(
            k ->
                table
                    .append("| `")
                    .append(k.key())
                    .append("` | ")
                    .append(k.kind().description())
                    .append(" | ")
                    .append(k.defaultText())
                    .append(" | ")
                    .append(k.scope() == AnnotationKey.Scope.SERVICE ? "service" : "endpoint")
                    .append(" | ")
                    .append(k.effect())
                    .append(k.active() ? "" : " *Accepted and validated; no effect yet.*")
                    .append(" | `")
                    .append(k.envoyField())
                    .append("` |\n"));
    return table.toString();
  }
}
