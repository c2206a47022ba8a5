package dev.bent.source;

import dev.bent.diag.Location;
import dev.bent.model.Annotation;
import dev.bent.model.EndpointEntry;
import dev.bent.model.Mesh;
import dev.bent.model.NodeEntry;
import dev.bent.model.ServiceEntry;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Writes a {@link Mesh} as a mesh file that {@link MeshFileReader} reads back: how {@code bent scan}
 * saves an ECS scan for review, diffs and offline compiles.
 *
 * <p>The output is deterministic: services and nodes by name, endpoints in the given order (sources
 * sort them), annotations by key, every string double-quoted. Where an element came from that is not
 * a file (an ECS task ARN and label), it is kept as a {@code #} comment above the element, so the
 * file says which task and label each endpoint and annotation came from; the reader ignores
 * comments. The {@code mesh:} section and routes come from an overlay ({@code --overlay}), so that a
 * saved scan compiles to what the live source compiles to.
 */
public final class MeshFileWriter {
  private final StringBuilder out = new StringBuilder();
  private final UnaryOperator<String> paths;

  private MeshFileWriter(UnaryOperator<String> paths) {
    this.paths = paths;
  }

  /** The mesh file text of {@code mesh}, with the file paths of its settings as they were written. */
  public static String write(Mesh mesh) {
    return write(new MeshFileWriter(UnaryOperator.identity()), mesh);
  }

  /**
   * The mesh file text of {@code mesh}, with every relative file path of its settings (trust
   * bundle, certificates, keys, htpasswd) made absolute against {@code baseDirectory}, where the
   * mesh's settings were read from: the written file can then live anywhere.
   */
  public static String write(Mesh mesh, Path baseDirectory) {
    Path base = baseDirectory.toAbsolutePath().normalize();
    return write(new MeshFileWriter(p -> base.resolve(p).normalize().toString()), mesh);
  }

  private static String write(MeshFileWriter writer, Mesh mesh) {
    writer.mesh(mesh);
    return writer.out.toString();
  }

  private void mesh(Mesh mesh) {
    comment("", "bent mesh file, written from " + mesh.origin() + ".");
    comment("", "Each node is one task; comments say which task and label each element came from.");
    new MeshSectionWriter(out, paths).settings(mesh.settings());
    List<ServiceEntry> services = sorted(mesh.services());
    if (!services.isEmpty()) {
      out.append("services:\n");
      services.forEach(s -> service(s, ""));
    }
    List<NodeEntry> nodes =
        mesh.nodes().stream().sorted(Comparator.comparing(NodeEntry::name)).toList();
    if (nodes.isEmpty()) {
      out.append("nodes: {}\n");
      return;
    }
    out.append("nodes:\n");
    for (NodeEntry node : nodes) {
      origin("  ", node.location());
      out.append("  ").append(quote(node.name())).append(':');
      if (node.services().isEmpty()) {
        out.append(" []\n");
        continue;
      }
      out.append('\n');
      sorted(node.services()).forEach(s -> service(s, "  "));
    }
  }

  private void service(ServiceEntry service, String indent) {
    out.append(indent).append("- name: ").append(quote(service.name())).append('\n');
    annotations(service.annotations(), indent + "  ");
    service.routes().ifPresent(r -> new MeshSectionWriter(out, paths).routes(r, indent + "  "));
    if (service.endpoints().isEmpty()) {
      return;
    }
    out.append(indent).append("  endpoints:\n");
    for (EndpointEntry endpoint : service.endpoints()) {
      origin(indent + "  ", endpoint.location());
      out.append(indent).append("  - address: ").append(quote(endpoint.address())).append('\n');
      out.append(indent).append("    port: ").append(endpoint.port()).append('\n');
      annotations(endpoint.annotations(), indent + "    ");
    }
  }

  private void annotations(List<Annotation> annotations, String indent) {
    if (annotations.isEmpty()) {
      return;
    }
    out.append(indent).append("annotations:\n");
    annotations.stream()
        .sorted(Comparator.comparing(Annotation::key))
        .forEach(a -> {
          origin(indent + "  ", a.location());
          out.append(indent).append("  ").append(quote(a.key())).append(": ")
              .append(quote(a.value())).append('\n');
        });
  }

  private static List<ServiceEntry> sorted(List<ServiceEntry> services) {
    return services.stream().sorted(Comparator.comparing(ServiceEntry::name)).toList();
  }

  /** A comment naming where an element came from, unless it came from a file (it has a line). */
  private void origin(String indent, Location location) {
    if (location.line() <= 0 && !location.origin().isEmpty()) {
      comment(indent, location.origin());
    }
  }

  private void comment(String indent, String text) {
    out.append(indent).append("# ");
    text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    out.append('\n');
  }

  /** A YAML double-quoted scalar: JSON escaping, which YAML accepts. */
  static String quote(String text) {
    StringBuilder q = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\t' -> q.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            q.append(String.format("\\u%04x", (int) c));
          } else {
            q.append(c);
          }
        }
      }
    }
    return q.append('"').toString();
  }
}
