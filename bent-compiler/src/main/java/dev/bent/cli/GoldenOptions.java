package dev.bent.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that {@code bent check} and {@code bent update} share: which mesh, which golden directory, which nodes. */
final class GoldenOptions {
  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The mesh file.")
  Path config;

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

  /** The command line that runs {@code command} with these options, quoted for a POSIX shell. */
  String commandLine(String command) {
    StringBuilder line = new StringBuilder("bent ").append(command);
    line.append(" -c ").append(quote(config.toString())).append(" --golden ").append(quote(golden.toString()));
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
