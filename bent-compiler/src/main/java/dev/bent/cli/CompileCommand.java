package dev.bent.cli;

import dev.bent.Compiler;
import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.resolve.Credentials;
import dev.bent.source.MeshSource;
import dev.bent.write.NodeDirectoryWriter;
import dev.bent.write.OutputLayout;
import dev.bent.write.OutputLock;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bent compile}: compiles a mesh file or a live ECS scan into node directories that Envoy
 * runs from.
 */
@Command(
    name = "compile",
    sortOptions = false,
    description = {
      "Compile a mesh file, or a live ECS scan, into per-node Envoy configuration.",
      "",
      "Without --node every node is written to DIR/<node>/; with one --node, into DIR itself.",
      "--node auto is the ECS task this runs in (from the task metadata endpoint).",
      "Unchanged output is left as it is; a change is published with one atomic rename.",
      "DIR/.bent.lock keeps a running 'bent watch' and this command from writing DIR at once."
    })
final class CompileCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SourceOptions sourceOptions;

  @Mixin CompileOptions options;

  @Override
  public Integer call() throws Exception {
    String kind = sourceOptions.kind(SourceOptions.FILE, spec.commandLine());
    OutputLayout layout = options.layout();
    List<String> selected = options.nodes();
    Diagnostics diagnostics = new Diagnostics();
    MeshSource source = sourceOptions.open(kind, spec.commandLine(), options.auto());
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
    int changed;
    // Reasoning: the lock is taken after compiling, so that invalid input leaves no trace on
    // disk, and before the first write, which is what it protects.
    try (OutputLock lock = OutputLock.acquire(options.output(), "bent compile")) {
      changed = NodeDirectoryWriter.writeAll(compilation.nodes().values(), layout);
    }
    int total = compilation.nodes().size();
    err.println(
        "bent: compiled " + total + (total == 1 ? " node" : " nodes") + " into " + options.output()
            + " (" + changed + " changed, " + (total - changed) + " unchanged)");
    err.flush();
    return ExitCode.OK;
  }
}
