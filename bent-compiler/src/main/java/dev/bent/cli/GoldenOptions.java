package dev.bent.cli;

import dev.bent.Compiler;
import dev.bent.golden.GoldenFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options that {@code bent check} and {@code bent update} share: which mesh, which golden directory, which nodes. */
final class GoldenOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "The mesh file, or s3://bucket/key: a snapshot that 'bent scan' published.")
  String config;

  @Option(
      names = "--golden",
      required = true,
      paramLabel = "DIR",
      description = "The golden directory: DIR/<node>/<file>, plain files.")
  Path golden;

  @Option(
      names = "--node",
      paramLabel = "NAME",
      description = "A node to compile (repeatable); default: all. Other nodes' golden directories are left alone.")
  List<String> nodes = new ArrayList<>();

  /** Compiles the mesh that -c names as golden files are compiled, in memory. */
  Compiler.Compilation compile(CommandLine cli) throws IOException {
    MeshInput input = MeshInput.read(config, cli);
    return Compiler.compile(input.mesh(), input.diagnostics(), nodes, GoldenFormat::envoyDir, input.credentials());
  }

  /** The golden directory; an empty path is a usage error, never the current directory. */
  Path golden() {
    if (golden.toString().isEmpty()) {
      throw new ParameterException(mixee.commandLine(), "--golden must not be empty");
    }
    return golden;
  }

  /** The command line that runs {@code command} with these options, quoted for a POSIX shell. */
  String commandLine(String command) {
    StringBuilder line = new StringBuilder("bent ").append(command);
    line.append(" -c ").append(quote(config)).append(" --golden ").append(quote(golden.toString()));
    nodes.forEach(node -> line.append(" --node ").append(quote(node)));
    return line.toString();
  }

  private static String quote(String word) {
    if (word.matches("[A-Za-z0-9_./:=@%+-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
