package dev.bent.cli;

import dev.bent.Compiler;
import dev.bent.golden.GoldenWriter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bent update}: rewrites a golden directory with what the mesh compiles to now. */
@Command(
    name = "update",
    sortOptions = false,
    description = {
      "Compile a mesh file and write the output into a golden directory.",
      "",
      "Files are plain files in DIR/<node>/. Changed files are rewritten, unchanged",
      "ones left alone, stale ones removed. Without --node, directories of nodes the",
      "mesh no longer has are removed too; with --node, only those nodes' directories",
      "are touched. An invalid mesh writes nothing (exit status 2).",
      "Only node directories that bent wrote (listed in DIR/.bent-nodes) are",
      "ever replaced or removed; a node name taken by anything else stops it",
      "(exit status 1), and everything else in DIR is left alone."
    })
final class UpdateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GoldenOptions options;

  @Override
  public Integer call() throws Exception {
    options.golden();
    Compiler.Compilation compilation = options.compile(spec.commandLine());
    PrintWriter err = spec.commandLine().getErr();
    ErrorReporter.warnings(compilation.warnings(), err);
    GoldenWriter.Result result = GoldenWriter.update(compilation, options.golden, options.nodes);
    err.println(
        "bent: updated " + options.golden + ": " + result.written() + " written, " + result.removed()
            + " removed, " + result.unchanged() + " unchanged");
    err.flush();
    return ExitCode.OK;
  }
}
