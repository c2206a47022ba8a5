package dev.bent.cli;

import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.model.ServiceEntry;
import dev.bent.resolve.Credentials;
import dev.bent.resolve.Resolver;
import dev.bent.source.MeshFileWriter;
import dev.bent.source.MeshSource;
import dev.bent.write.AtomicFile;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code bent scan}: scans a live source (ECS) and writes what it found as a mesh file, so that a
 * scan can be reviewed, diffed, kept as a golden case and compiled offline with {@code bent compile
 * -c}.
 */
@Command(
    name = "scan",
    sortOptions = false,
    description = {
      "Scan ECS and write the mesh it describes as a mesh file.",
      "",
      "The file is sorted (same tasks, same bytes), names in comments the task",
      "and label each element came from, and compiles with 'bent compile -c'.",
      "It is checked like a compile's input and written only when the check",
      "passes, in one atomic rename."
    })
final class ScanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SourceOptions sourceOptions;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE",
      description = "Where to write the mesh file; - for standard output.")
  String output;

  @Override
  public Integer call() throws Exception {
    String kind = sourceOptions.kind(SourceOptions.ECS, spec.commandLine());
    if (!kind.equals(SourceOptions.ECS)) {
      throw new ParameterException(spec.commandLine(), "bent scan reads a live source: use --source ecs");
    }
    Diagnostics diagnostics = new Diagnostics();
    MeshSource source = sourceOptions.open(kind, spec.commandLine());
    Mesh mesh;
    try {
      mesh = source.read(Set.of(), diagnostics);
    } finally {
      SourceOptions.close(source);
    }
    // Reasoning: a scan compiles no node; each task reads its own certificate files where it runs.
    Resolver.resolve(mesh, diagnostics, new Credentials(source.baseDirectory(), System::getenv), node -> false);
    diagnostics.throwIfErrors();
    PrintWriter err = spec.commandLine().getErr();
    ErrorReporter.warnings(diagnostics.warnings(), err);
    String text = MeshFileWriter.write(mesh, source.baseDirectory());
    if (output.equals("-")) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    } else {
      AtomicFile.write(Path.of(output), text.getBytes(StandardCharsets.UTF_8));
    }
    err.println("bent: scanned " + mesh.origin() + ": " + mesh.nodes().size()
        + (mesh.nodes().size() == 1 ? " node, " : " nodes, ") + services(mesh) + " services; wrote "
        + (output.equals("-") ? "standard output" : output));
    err.flush();
    return ExitCode.OK;
  }

  /**
   * Narrows the shared source options to what scan reads: a live source, never a mesh file. The
   * mesh-file option goes, and --source says which kinds it takes, so that --help shows only what
   * works.
   */
  static void liveSourcesOnly(CommandSpec scan) {
    List<OptionSpec> options = new ArrayList<>(scan.options());
    options.forEach(scan::remove);
    for (OptionSpec option : options) {
      if (option.longestName().equals("--config")) {
        continue;
      }
      scan.addOption(option.longestName().equals("--source")
          ? OptionSpec.builder(option)
              .description("Where the mesh comes from: ecs (a live ECS scan, the default).")
              .build()
          : option);
    }
  }

  private static int services(Mesh mesh) {
    Set<String> names = new TreeSet<>();
    mesh.services().forEach(s -> names.add(s.name()));
    mesh.nodes().forEach(n -> n.services().stream().map(ServiceEntry::name).forEach(names::add));
    return names.size();
  }
}
