package dev.bent.cli;

import dev.bent.Compiler;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bent explain}: what one node's Envoy will do, and where each value came from. */
@Command(
    name = "explain",
    sortOptions = false,
    description = {
      "Summarise what a node's Envoy will do, and where each value came from.",
      "",
      "Lists the listeners, virtual hosts, clusters, endpoints and weights, and every policy",
      "with its origin (annotation place, mesh setting, default); a policy whose feature is",
      "off (no health checking, no retries, ...) is shown as off."
    })
final class ExplainCommand implements Callable<Integer>, WritesNothing {
  @Spec CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "The mesh file, or s3://bucket/key: a snapshot that 'bent scan' published.")
  String config;

  @Option(names = "--node", required = true, paramLabel = "NAME", description = "The node to explain.")
  String node;

  @Override
  public Integer call() throws java.io.IOException {
    MeshInput input = MeshInput.read(config, spec.commandLine());
    spec.commandLine().getOut().print(Compiler.explain(input.mesh(), input.diagnostics(), input.credentials(), node));
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
