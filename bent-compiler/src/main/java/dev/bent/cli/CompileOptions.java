package dev.bent.cli;

import dev.bent.source.ecs.TaskMetadata;
import dev.bent.write.OutputLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The output options shared by every command that writes node directories ({@code compile},
 * {@code watch}): a picocli mixin. Where the mesh comes from is {@link SourceOptions}.
 */
public final class CompileOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--node",
      paramLabel = "NAME",
      description = "A node to compile (repeatable), or auto for this ECS task; default: all.")
  List<String> nodes = new ArrayList<>();

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Where to write.")
  Path output;

  @Option(
      names = "--envoy-dir",
      paramLabel = "PATH",
      description = {
        "The absolute path at which Envoy sees DIR, when it differs from DIR",
        "(for example a volume mounted elsewhere in Envoy's container)."
      })
  String envoyDir;

  /**
   * The selected nodes, "auto" replaced by this ECS task's id (read from the task metadata
   * endpoint); empty for every node of the mesh.
   */
  public List<String> nodes() throws IOException {
    List<String> out = new ArrayList<>();
    for (String node : nodes) {
      out.add(node.equals("auto") ? TaskMetadata.nodeName(System.getenv()) : node);
    }
    return List.copyOf(out);
  }

  /** Whether --node auto was given: this ECS task compiles itself. */
  public boolean auto() {
    return nodes.contains("auto");
  }

  /** The output directory; an empty path is a usage error, never the current directory. */
  public Path output() {
    if (output.toString().isEmpty()) {
      throw new ParameterException(mixee.commandLine(), "-o/--output must not be empty");
    }
    return output;
  }

  /**
   * Where each node is written and seen by Envoy; an empty output or a relative --envoy-dir is a
   * usage error.
   */
  public OutputLayout layout() {
    output();
    try {
      return OutputLayout.of(output, envoyDir, nodes.size() == 1);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(mixee.commandLine(), e.getMessage());
    }
  }
}
