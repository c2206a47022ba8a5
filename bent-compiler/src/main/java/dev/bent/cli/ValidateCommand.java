package dev.bent.cli;

import dev.bent.validate.ConfigValidator;
import dev.bent.validate.Profile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
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
      "Errors are what Envoy refuses at load; warnings what it loads but is",
      "almost surely a mistake, and do not fail the check. --profile bent adds",
      "bent's own layout policy (admin on loopback, node set, at most 16",
      "subscriptions, the Prometheus route shape, ...), marked [bent layout].",
      "",
      "Exit status: 0 valid, 1 invalid or unreadable, 2 usage error."
    })
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--profile", paramLabel = "envoy|bent", defaultValue = "envoy", converter = ProfileConverter.class,
      description = "Whose rules: envoy (default), or bent to add bent's layout policy.")
  Profile profile;

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
      ConfigValidator.Report report = ConfigValidator.validate(path, profile);
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

  /** Reads {@code envoy} or {@code bent}. */
  static final class ProfileConverter implements ITypeConverter<Profile> {
    @Override
    public Profile convert(String value) {
      try {
        return Profile.of(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("expected envoy or bent, got '" + value + "'");
      }
    }
  }

  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
