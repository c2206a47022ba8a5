package dev.bent.watch;

import dev.bent.cli.StopOnSignal;

import dev.bent.cli.CompileOptions;
import dev.bent.cli.DurationConverter;
import dev.bent.cli.ExitCode;
import dev.bent.cli.SourceOptions;
import dev.bent.source.s3.S3MeshSource;
import dev.bent.write.OutputLayout;
import dev.bent.write.OutputLock;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bent watch}: compiles a mesh file or an ECS scan at start and again at each change (or
 * every interval, for ECS), until stopped.
 */
@Command(
    name = "watch",
    sortOptions = false,
    description = {
      "Compile, then recompile and publish whenever the mesh changes.",
      "",
      "Reads a mesh file (-c), or scans ECS (--source ecs) every --interval.",
      "Layout and options as for 'bent compile'. Each node whose output changed",
      "gets a new generation, swapped in with one rename that Envoy reloads.",
      "An input that does not compile is reported and publishes nothing: the",
      "previous configuration stays live. A publish that fails (a full disk) is",
      "retried with backoff until it completes. SIGTERM or SIGINT stops it after",
      "any publish in progress, with exit status 0."
    })
final class WatchCommand implements Callable<Integer> {
  /** How often the file is compared even without a change event. */
  static final Duration RECHECK = Duration.ofSeconds(2);

  @Spec CommandSpec spec;

  @Mixin SourceOptions sourceOptions;

  @Mixin CompileOptions options;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "15s",
      converter = DurationConverter.class,
      description = {
        "With --source ecs: scan this often; with -c s3://bucket/key: ask S3",
        "this often whether the snapshot changed; give or take a tenth, later after",
        "failures (default: ${DEFAULT-VALUE})."
      })
  Duration interval;

  @Option(
      names = "--debounce",
      paramLabel = "DURATION",
      defaultValue = "200ms",
      converter = DurationConverter.class,
      description = "Compile once the input has been quiet this long (default: ${DEFAULT-VALUE}).")
  Duration debounce;

  @Option(
      names = "--retire-after",
      paramLabel = "DURATION",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description = {
        "Without --node: remove the directory of a node absent from the mesh this long;",
        "only directories bent wrote (default: ${DEFAULT-VALUE})."
      })
  Duration retireAfter;

  @Option(
      names = "--status-port",
      paramLabel = "PORT",
      description = "Serve /healthz and /metrics on this port (0: a free port, printed at start).")
  Integer statusPort;

  @Option(
      names = "--status-address",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "The address the status port binds (default: ${DEFAULT-VALUE}).")
  String statusAddress;

  @Override
  public Integer call() throws Exception {
    OutputLayout layout = options.layout();
    checkOptions();
    nodes = options.nodes();
    PrintWriter err = spec.commandLine().getErr();
    WatchLog log = new WatchLog(err);
    WatchStatus status = new WatchStatus(Clock.systemUTC());
    try (StopOnSignal stop = StopOnSignal.install(log);
        OutputLock lock = OutputLock.acquire(options.output(), "bent watch");
        WatchedSource source = openSource();
        StatusServer server = startStatusServer(status, log)) {
      Watcher watcher = new Watcher(source, nodes, layout, status, log, Watcher.Backoff.DEFAULT,
          new NodeRetirement(retireAfter, Clock.systemUTC()));
      stop.onStop(watcher::stop);
      watcher.run();
    }
    return ExitCode.OK;
  }

  private List<String> nodes;

  /** The file source watches the mesh file; the ECS source is scanned every --interval. */
  private WatchedSource openSource() throws java.io.IOException {
    String kind = sourceOptions.kind(SourceOptions.FILE, spec.commandLine());
    if (kind.equals(SourceOptions.FILE)) {
      WatchedSource snapshot = sourceOptions.snapshot(spec.commandLine()).isPresent()
          ? new SnapshotSource((S3MeshSource) sourceOptions.open(kind, spec.commandLine()), interval, nodes)
          : FileMeshSource.open(sourceOptions.meshFile(spec.commandLine()), debounce, RECHECK);
      // With --node auto, this task's own node comes from its task metadata at every read.
      return options.auto() ? new OwnTaskSource(snapshot, System.getenv()) : snapshot;
    }
    return new PollingSource(sourceOptions.open(kind, spec.commandLine()), "ecs scan", interval, nodes);
  }

  private void checkOptions() {
    if (interval.toMillis() < 1000) {
      throw new ParameterException(spec.commandLine(), "--interval must be at least 1s");
    }
    if (debounce.isNegative()) {
      throw new ParameterException(spec.commandLine(), "--debounce must not be negative");
    }
    if (statusPort != null && (statusPort < 0 || statusPort > 65535)) {
      throw new ParameterException(
          spec.commandLine(), "--status-port must be 0 to 65535, got " + statusPort);
    }
  }

  /** The status server, or null without --status-port (try-with-resources skips a null). */
  private StatusServer startStatusServer(WatchStatus status, WatchLog log) throws java.io.IOException {
    if (statusPort == null) {
      return null;
    }
    StatusServer server = StatusServer.start(statusAddress, statusPort, status);
    log.statusServed(statusAddress, server.port());
    return server;
  }
}
