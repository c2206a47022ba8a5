package dev.bent.cli;

import dev.bent.write.OutputLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The options shared by every command that compiles a mesh file into node directories ({@code
 * compile}, {@code watch}), with {@code --help}: a picocli mixin.
 */
public final class CompileOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The mesh file.")
  Path config;

  @Option(names = "--node", paramLabel = "NAME", description = "A node to compile (repeatable); default: all.")
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

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  public Path config() {
    return config;
  }

  /** The selected nodes; empty for every node of the mesh. */
  public List<String> nodes() {
    return List.copyOf(nodes);
  }

  public Path output() {
    return output;
  }

  /** Where each node is written and seen by Envoy; a relative --envoy-dir is a usage error. */
  public OutputLayout layout() {
    try {
      return OutputLayout.of(output, envoyDir, nodes.size() == 1);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(mixee.commandLine(), e.getMessage());
    }
  }
}
