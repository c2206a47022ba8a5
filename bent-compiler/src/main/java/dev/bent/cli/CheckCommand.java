package dev.bent.cli;

import dev.bent.Compiler;
import dev.bent.golden.GoldenComparison;
import dev.bent.golden.GoldenFormat;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code bent check}: compiles a mesh in memory and compares it with a golden directory; a
 * difference prints a unified diff per file on stdout and exits with {@link ExitCode#DIFFERS}.
 */
@Command(
    name = "check",
    sortOptions = false,
    description = {
      "Compile a mesh file in memory and compare the output with a golden directory.",
      "",
      "Each node is compiled as Envoy would see it under " + GoldenFormat.ENVOY_BASE + "/<node>,",
      "so the result does not depend on where the checkout lies. Differences go to",
      "stdout as a unified diff, then a line per file missing from or extra in DIR.",
      "Exit status: 0 equal, 2 invalid mesh, 3 different."
    })
final class CheckCommand implements Callable<Integer>, WritesNothing {
  @Spec CommandSpec spec;

  @Mixin GoldenOptions options;

  @Override
  public Integer call() throws Exception {
    options.golden();
    Compiler.Compilation compilation = options.compile(spec.commandLine());
    PrintWriter err = spec.commandLine().getErr();
    ErrorReporter.warnings(compilation.warnings(), err);
    GoldenComparison comparison = GoldenComparison.of(compilation, options.golden, options.nodes);
    if (comparison.matches()) {
      err.println("bent: " + options.golden + " is up to date: " + comparison.summary());
      err.flush();
      return ExitCode.OK;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(comparison.report(options.golden.toString()));
    out.flush();
    String absent = Files.isDirectory(options.golden) ? "" : " (the directory does not exist)";
    err.println("bent: the compiled output differs from " + options.golden + absent + ": " + comparison.summary());
    err.println("bent: to accept the new output, run: " + options.commandLine("update"));
    err.flush();
    return ExitCode.DIFFERS;
  }
}
