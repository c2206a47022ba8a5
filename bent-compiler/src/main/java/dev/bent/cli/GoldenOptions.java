package dev.bent.cli;

import dev.bent.Compiler;
import dev.bent.golden.GoldenFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options that {@code bent check} and {@code bent update} share: which mesh, which golden directory, which nodes. */
final class GoldenOptions {
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
