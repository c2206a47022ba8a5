package dev.bent.cli;

import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.model.ServiceEntry;
import dev.bent.resolve.Credentials;
import dev.bent.resolve.Resolver;
import dev.bent.source.MeshFileWriter;
import dev.bent.source.MeshSource;
import dev.bent.source.ScanLoop;
import dev.bent.source.ScanFilter;
import dev.bent.source.SnapshotFile;
import dev.bent.source.SnapshotScanner;
import dev.bent.source.SnapshotTarget;
import dev.bent.source.s3.S3Location;
import dev.bent.source.s3.S3SnapshotTarget;
import dev.bent.source.s3.S3Snapshots;
import dev.bent.write.AtomicFile;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
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
      "passes, in one atomic rename.",
      "",
      "With --watch it scans every --interval and publishes the snapshot only when",
      "its bytes change, to a file or to s3://bucket/key; two scanners may share",
      "one target: a scan never replaces the snapshot of a later scan."
    })
final class ScanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SourceOptions sourceOptions;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "TARGET",
      description = {"Where to write the mesh file: a file,", "s3://bucket/key, or - for standard output."})
  String output;

  @Option(names = "--watch", description = "Scan again every --interval and publish each change, until stopped.")
  boolean watch;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "15s",
      converter = DurationConverter.class,
      description = "With --watch: scan this often, give or take a tenth, later after failed scans (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Override
  public Integer call() throws Exception {
    String kind = sourceOptions.kind(SourceOptions.ECS, spec.commandLine());
    if (!kind.equals(SourceOptions.ECS)) {
      throw new ParameterException(spec.commandLine(), "bent scan reads a live source: use --source ecs");
    }
    if (watch) {
      return watch(kind);
    }
    SnapshotTarget s3Target = S3Location.isS3(output) ? target() : null;
    try (s3Target) {
      Diagnostics diagnostics = new Diagnostics();
      Instant scanTime = Instant.now();
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
      byte[] text = MeshFileWriter.write(mesh, source.baseDirectory()).getBytes(StandardCharsets.UTF_8);
      String outcome;
      if (output.equals("-")) {
        spec.commandLine().getOut().print(new String(text, StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        outcome = "wrote standard output";
      } else if (s3Target != null) {
        outcome = switch (s3Target.publish(text, scanTime)) {
          case PUBLISHED -> "published " + output;
          case UNCHANGED -> output + " already holds this scan; nothing written";
          case SUPERSEDED -> output + " holds a later scan; nothing written";
        };
      } else {
        AtomicFile.write(Path.of(output), text);
        outcome = "wrote " + output;
      }
      err.println("bent: scanned " + mesh.origin() + ": " + mesh.nodes().size()
          + (mesh.nodes().size() == 1 ? " node, " : " nodes, ") + services(mesh) + " services; " + outcome);
      err.flush();
    }
    return ExitCode.OK;
  }

  /** The scanner loop: runs until the process is stopped. */
  private int watch(String kind) throws Exception {
    if (output.equals("-")) {
      throw new ParameterException(spec.commandLine(), "--watch publishes to a file or s3://bucket/key, not to -");
    }
    if (interval.toMillis() < 1000) {
      throw new ParameterException(spec.commandLine(), "--interval must be at least 1s");
    }
    PrintWriter err = spec.commandLine().getErr();
    Consumer<String> print = line -> {
      err.println("bent: " + line);
      err.flush();
    };
    try (StopOnSignal stop = StopOnSignal.install(new StopLog(print))) {
      SnapshotTarget target = target();
      MeshSource source = sourceOptions.open(kind, spec.commandLine());
      try (target) {
        SnapshotScanner scanner = new SnapshotScanner(source, ScanFilter.none(), credentials(source), Clock.systemUTC());
        ScanLoop loop = new ScanLoop(scanner, target, interval, print);
        stop.onStop(loop::stop);
        loop.run();
      } finally {
        SourceOptions.close(source);
      }
    }
    return ExitCode.OK;
  }

  /** What the scanner loop prints when a signal stops it. */
  private record StopLog(Consumer<String> print) implements StopOnSignal.Log {
    @Override
    public void stopping() {
      print.accept("stopping; a scan in progress is finished first");
    }

    @Override
    public void stopped() {
      print.accept("stopped");
    }

    @Override
    public void abandoned(long graceSeconds) {
      print.accept("did not stop within " + graceSeconds + " s; abandoning the scan in progress"
          + " (the published snapshot is whole: the old one or the new one)");
    }
  }

  /** The publish target that -o names: an S3 object or a file. */
  private SnapshotTarget target() {
    if (!S3Location.isS3(output)) {
      return new SnapshotFile(Path.of(output));
    }
    S3Location location = S3Location.parse(output).orElseThrow(() -> new ParameterException(spec.commandLine(),
        "-o must be s3://bucket/key with a bucket and a key, got \"" + output + "\""));
    return new S3SnapshotTarget(S3Snapshots.create(SourceOptions.s3Settings(spec.commandLine())), location);
  }

  private static Credentials credentials(MeshSource source) {
    return new Credentials(source.baseDirectory(), System::getenv);
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
