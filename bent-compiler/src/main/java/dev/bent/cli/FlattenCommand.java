package dev.bent.cli;

import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import dev.bent.validate.ConfigLoader;
import dev.bent.validate.ConfigValidator;
import dev.bent.validate.Flattener;
import dev.bent.write.AtomicFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bent flatten}: inlines a node's LDS, CDS and RDS files into one static bootstrap, so that
 * {@code envoy --mode validate -c FILE} checks them too.
 */
@Command(
    name = "flatten",
    sortOptions = false,
    description = {
      "Inline a node's dynamic files into one static bootstrap, for envoy --mode validate.",
      "",
      "Listeners and clusters move into static_resources, each rds is replaced by",
      "the route configuration it names, and dynamic_resources is removed. The",
      "output is not validated; run 'bent validate' for that.",
      "",
      "Exit status: 0 written, 1 the node cannot be read or inlined, 2 usage error."
    })
final class FlattenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PATH", description = "A node directory or its bootstrap file.")
  Path path;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write; default: standard output.")
  Path output;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Optional<Path> bootstrap = Files.isDirectory(path) ? ConfigValidator.bootstrapIn(path) : Optional.of(path);
    if (bootstrap.isEmpty()) {
      return fail(List.of(ConfigValidator.noBootstrap(path)), err);
    }
    ConfigLoader.Loaded loaded = ConfigLoader.load(bootstrap.get());
    List<Diagnostic> problems = new ArrayList<>(loaded.problems());
    if (loaded.config() == null || problems.stream().anyMatch(Diagnostic::isError)) {
      return fail(problems, err);
    }
    Flattener.Result result = Flattener.flatten(loaded.config());
    for (Diagnostic d : result.problems()) {
      problems.add(new Diagnostic(d.severity(), Location.of(loaded.localName(d.location().origin())),
          d.message()));
    }
    if (result.bootstrap() == null) {
      return fail(problems, err);
    }
    problems.forEach(err::println);
    byte[] yaml = result.yaml();
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(new String(yaml, StandardCharsets.UTF_8));
      out.flush();
    } else {
      AtomicFile.write(output, yaml);
      err.println("bent: flattened " + (1 + loaded.localNames().size()) + " files into " + output);
    }
    err.flush();
    return ExitCode.OK;
  }

  private static int fail(List<Diagnostic> problems, PrintWriter err) {
    problems.forEach(err::println);
    long errors = problems.stream().filter(Diagnostic::isError).count();
    err.println("bent: " + ValidateCommand.count(errors, "error") + "; nothing was written");
    err.flush();
    return ExitCode.REJECTED;
  }
}
