package dev.bent.cli;

import dev.bent.source.MeshSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bent schema}: prints the JSON Schema of the mesh file, for editors. */
@Command(name = "schema", description = "Print the JSON Schema (draft-07) of the mesh file.")
final class SchemaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(MeshSchema.json());
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
