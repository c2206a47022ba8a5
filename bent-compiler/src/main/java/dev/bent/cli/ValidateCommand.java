package dev.bent.cli;

import dev.bent.validate.ConfigValidator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bent validate}: checks Envoy configuration files the way Envoy would load them, without
 * Envoy, and prints one line per problem on standard output.
 */
@Command(
    name = "validate",
    sortOptions = false,
    description = {
      "Check Envoy configuration as Envoy would load it, without Envoy.",
      "",
      "A PATH is a node directory (its bootstrap.yaml and every file it names),",
      "a bootstrap file, or one filesystem-xDS file. Every problem is printed on",
      "standard output, one line each: FILE: error: FIELD.PATH: MESSAGE [RULE].",
      "Warnings do not fail the check.",
      "",
      "Exit status: 0 valid, 1 invalid or unreadable, 2 usage error."
    })
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Node directories, bootstrap or xDS files.")
  List<Path> paths;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int files = 0;
    long errors = 0;
    long warnings = 0;
    for (Path path : paths) {
      ConfigValidator.Report report = ConfigValidator.validate(path);
      report.diagnostics().forEach(out::println);
      files += report.files().size();
      errors += report.errorCount();
      warnings += report.warningCount();
    }
    out.flush();
    err.println("bent: checked " + files + (files == 1 ? " file" : " files") + ": "
        + (errors == 0 ? "valid" : count(errors, "error")) + (warnings == 0 ? "" : ", " + count(warnings, "warning")));
    err.flush();
    return errors == 0 ? ExitCode.OK : ExitCode.REJECTED;
  }

  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
