package dev.bent.cli;

import dev.bent.Compiler;
import dev.bent.write.NodeDirectoryWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bent compile}: compiles a mesh file into node directories that Envoy runs from. */
@Command(
    name = "compile",
    sortOptions = false,
    description = {
      "Compile a mesh file into per-node Envoy configuration.",
      "",
      "Without --node every node is written to DIR/<node>/; with one --node, into DIR itself.",
      "Unchanged output is left as it is; a change is published with one atomic rename."
    })
final class CompileCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

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

  @Override
  public Integer call() throws Exception {
    OutputLayout layout = OutputLayout.of(output, envoyDir, nodes, spec.commandLine());
    Compiler.Compilation compilation = Compiler.compileFile(config, nodes, layout::envoyDir);
    PrintWriter err = spec.commandLine().getErr();
    ErrorReporter.warnings(compilation.warnings(), err);
    int changed = NodeDirectoryWriter.writeAll(compilation.nodes().values(), layout::directory);
    int total = compilation.nodes().size();
    err.println(
        "bent: compiled " + total + (total == 1 ? " node" : " nodes") + " into " + output
            + " (" + changed + " changed, " + (total - changed) + " unchanged)");
    err.flush();
    return ExitCode.OK;
  }

  /** Where each node is written and where Envoy sees it. */
  record OutputLayout(Path output, String envoyBase, boolean single) {
    static OutputLayout of(Path output, String envoyDir, List<String> nodes, picocli.CommandLine cli) {
      String base;
      if (envoyDir == null) {
        base = output.toAbsolutePath().normalize().toString();
      } else {
        if (!envoyDir.startsWith("/")) {
          throw new ParameterException(cli, "--envoy-dir must be an absolute path, got \"" + envoyDir + "\"");
        }
        base = Path.of(envoyDir).normalize().toString();
      }
      return new OutputLayout(output, base, nodes.size() == 1);
    }

    Path directory(String node) {
      return single ? output : output.resolve(node);
    }

    String envoyDir(String node) {
      return single ? envoyBase : (envoyBase.equals("/") ? "/" + node : envoyBase + "/" + node);
    }
  }
}
