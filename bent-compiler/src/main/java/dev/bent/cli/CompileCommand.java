package dev.bent.cli;

import dev.bent.Compiler;
import dev.bent.emit.NodeFiles;
import dev.bent.write.GenerationWriter;
import dev.bent.write.OutputLayout;
import dev.bent.write.OutputLock;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
      "Unchanged output is left as it is; a change is published with one atomic rename.",
      "DIR/.bent.lock keeps a running 'bent watch' and this command from writing DIR at once."
    })
final class CompileCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CompileOptions options;

  @Override
  public Integer call() throws Exception {
    OutputLayout layout = options.layout();
    Compiler.Compilation compilation =
        Compiler.compileFile(options.config(), options.nodes(), layout::envoyDir);
    PrintWriter err = spec.commandLine().getErr();
    ErrorReporter.warnings(compilation.warnings(), err);
    int changed = 0;
    // Reasoning: the lock is taken after compiling, so that invalid input leaves no trace on
    // disk, and before the first write, which is what it protects.
    try (OutputLock lock = OutputLock.acquire(options.output(), "bent compile")) {
      for (NodeFiles node : compilation.nodes().values()) {
        GenerationWriter.Result result = GenerationWriter.write(layout.directory(node.node()), node.files());
        if (result.changed()) {
          changed++;
        }
      }
    }
    int total = compilation.nodes().size();
    err.println(
        "bent: compiled " + total + (total == 1 ? " node" : " nodes") + " into " + options.output()
            + " (" + changed + " changed, " + (total - changed) + " unchanged)");
    err.flush();
    return ExitCode.OK;
  }
}
