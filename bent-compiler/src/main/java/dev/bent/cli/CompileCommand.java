package dev.bent.cli;

import dev.bent.Compiler;
import dev.bent.write.NodeDirectoryWriter;
import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.resolve.Credentials;
import dev.bent.source.MeshSource;
import dev.bent.source.ecs.TaskMetadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bent compile}: compiles a mesh file or a live ECS scan into node directories that Envoy
 * runs from.
 */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Compile a mesh file, or a live ECS scan, into per-node Envoy configuration.",
      "",
      "Without --node every node is written to DIR/<node>/; with one --node, into DIR itself.",
      "--node auto is the ECS task this runs in (from the task metadata endpoint).",
      "Unchanged output is left as it is; a change is published with one atomic rename."
    })
final class CompileCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SourceOptions sourceOptions;

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

  @Override
  public Integer call() throws Exception {
    String kind = sourceOptions.kind(SourceOptions.FILE, spec.commandLine());
    OutputLayout layout = OutputLayout.of(output, envoyDir, nodes, spec.commandLine());
    List<String> selected = resolveAuto(nodes);
    Diagnostics diagnostics = new Diagnostics();
    MeshSource source = sourceOptions.open(kind, spec.commandLine());
    Mesh mesh;
    try {
      mesh = source.read(new LinkedHashSet<>(selected), diagnostics);
    } finally {
      SourceOptions.close(source);
    }
    Compiler.Compilation compilation = Compiler.compile(mesh, diagnostics, selected, layout::envoyDir,
        new Credentials(source.baseDirectory(), System::getenv));
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

  /** The node names, with "auto" replaced by the task id from the ECS task metadata endpoint. */
  private List<String> resolveAuto(List<String> requested) throws IOException {
    List<String> out = new ArrayList<>();
    for (String node : requested) {
      out.add(node.equals("auto") ? TaskMetadata.nodeName(System.getenv()) : node);
    }
    return out;
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
