package dev.bent.watch;

import dev.bent.CompileMemo;
import dev.bent.Compiler;
import dev.bent.diag.Diagnostic;
import dev.bent.diag.Diagnostics;
import dev.bent.diag.InternalException;
import dev.bent.diag.InvalidInputException;
import dev.bent.diag.IoFailure;
import dev.bent.emit.NodeFiles;
import dev.bent.model.Mesh;
import dev.bent.write.GenerationWriter;
import dev.bent.write.NodeDirectoryWriter;
import dev.bent.write.OutputLayout;
import dev.bent.write.PublishedKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The watch loop: compiles the mesh at start and after every change its source reports, and
 * publishes each node whose output changed as a new generation ({@link GenerationWriter}).
 *
 * <p>Last known good: an input that does not compile publishes nothing. Its diagnostics are
 * logged with their places, {@code /healthz} turns 503, and every node keeps its previous
 * configuration until a good input arrives. No input ends the loop: an exception from reading or
 * compiling, even a bug in bent, is reported the same way and the loop goes on.
 *
 * <p>A publish that fails (a full disk, a directory made read-only) is retried with backoff until
 * it completes, without waiting for a change: first after {@link Backoff#first}, then twice as
 * long each time up to {@link Backoff#most}. A change in the meantime is part of the retry, which
 * compiles the input again.
 */
public final class Watcher {
  private final WatchedSource source;
  private final List<String> nodes;
  private final OutputLayout layout;
  private final WatchStatus status;
  private final WatchLog log;
  private final Backoff backoff;
  private final NodeRetirement retirement;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopping;
  private long publishes;
  private List<Diagnostic> lastWarnings = List.of();
  private final CompileMemo memo = new CompileMemo();
  private final PublishedKeys publishedKeys = new PublishedKeys();

  /**
   * A loop over {@code source} that writes {@code nodes} (empty: all) as {@code layout} says,
   * reporting to {@code status} and to {@code log}.
   */
  Watcher(WatchedSource source, List<String> nodes, OutputLayout layout, WatchStatus status, WatchLog log) {
    this(source, nodes, layout, status, log, Backoff.DEFAULT);
  }

  /** As above, retrying a failed publish after the delays of {@code backoff}. */
  Watcher(
      WatchedSource source, List<String> nodes, OutputLayout layout, WatchStatus status, WatchLog log,
      Backoff backoff) {
    this(source, nodes, layout, status, log, backoff, null);
  }

  /**
   * As above; when it writes every node into directories of their own, the directories of nodes
   * that left the mesh are removed as {@code retirement} decides (null: never).
   */
  Watcher(
      WatchedSource source, List<String> nodes, OutputLayout layout, WatchStatus status, WatchLog log,
      Backoff backoff, NodeRetirement retirement) {
    this.retirement = nodes.isEmpty() && !layout.single() ? retirement : null;
    this.backoff = backoff;
    this.source = source;
    this.nodes = List.copyOf(nodes);
    this.layout = layout;
    this.status = status;
    this.log = log;
  }

  /**
   * How long to wait before retrying a failed publish: {@code first}, then doubling up to {@code
   * most}.
   */
  record Backoff(Duration first, Duration most) {
    static final Backoff DEFAULT = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));

    /** The delay before retry number {@code attempt} (1 for the first). */
    Duration delay(int attempt) {
      Duration delay = first;
      for (int i = 1; i < attempt && delay.compareTo(most) < 0; i++) {
        delay = delay.multipliedBy(2);
      }
      return delay.compareTo(most) > 0 ? most : delay;
    }
  }

  /** Compiles and publishes now, then after each change, until {@link #stop}. */
  public void run() throws IOException, InterruptedException {
    Outcome outcome = cycle();
    log.watching(source.name());
    int attempt = 0;
    while (!stopping) {
      if (outcome == Outcome.PUBLISH_FAILED) {
        attempt++;
        Duration delay = backoff.delay(attempt);
        status.retrying(attempt, delay);
        log.retrying(attempt, delay);
        if (stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
      } else {
        attempt = 0;
        if (!source.awaitChange()) {
          break;
        }
      }
      if (!stopping) {
        outcome = cycle();
      }
    }
  }

  /**
   * Asks the loop to stop, from any thread. A publish in progress is finished; a wait for the
   * next change ends at once.
   */
  public void stop() {
    stopping = true;
    stopped.countDown();
    try {
      source.close();
    } catch (IOException e) {
      log.closeFailed(source.name(), IoFailure.describe(e));
    }
  }

  /** How one cycle ended. */
  enum Outcome {
    /** The output matches the input. */
    PUBLISHED,
    /** The input did not compile (or could not be read); the next change is awaited. */
    NOT_COMPILED,
    /** The input compiled but the output could not be written; retried with backoff. */
    PUBLISH_FAILED
  }

  /** One compile and, if it succeeds, one publish. */
  Outcome cycle() {
    long start = System.nanoTime();
    Optional<Compiler.Compilation> compilation = compile();
    status.compiled(secondsSince(start));
    return compilation.isPresent() ? publish(compilation.get(), start) : Outcome.NOT_COMPILED;
  }

  private Optional<Compiler.Compilation> compile() {
    try {
      Diagnostics diagnostics = new Diagnostics();
      Mesh mesh = source.read(diagnostics);
      status.valve(source.valve());
      Compiler.Compilation compilation;
      if (mesh.nodes().isEmpty() && nodes.isEmpty()) {
        // Reasoning: a live source scaled to zero is a valid state, not an error that keeps
        // /healthz at 503; there is simply no node to write.
        diagnostics.throwIfErrors();
        compilation = new Compiler.Compilation(java.util.Map.of(), diagnostics.warnings());
      } else {
        compilation = Compiler.compile(mesh, diagnostics, nodes, layout::envoyDir, source.credentials(), memo);
      }
      status.certificates(compilation.certificates());
      if (!compilation.warnings().equals(lastWarnings)) {
        // Reasoning: the same warnings at every save would bury the lines that matter.
        log.warnings(compilation.warnings());
        lastWarnings = compilation.warnings();
      }
      return Optional.of(compilation);
    } catch (InvalidInputException e) {
      log.invalid(source.name(), e.diagnostics(), e.errorCount());
      status.failed(WatchStatus.Failure.INVALID_INPUT, summary(e.diagnostics(), e.errorCount()));
    } catch (InternalException e) {
      log.internal(e.diagnostics());
      status.failed(
          WatchStatus.Failure.INTERNAL, "internal error: " + summary(e.diagnostics(), e.diagnostics().size()));
    } catch (IOException e) {
      String reason = IoFailure.describe(e);
      log.readFailed(source.name(), reason);
      status.failed(WatchStatus.Failure.IO, "cannot read " + source.name() + ": " + reason);
    } catch (RuntimeException | StackOverflowError e) {
      // Reasoning: a bug in bent triggered by one input must not stop the watch; the previous
      // output stays live and the next save gets a fresh compile.
      String what = describe(e);
      log.crashed(source.name(), what);
      status.failed(WatchStatus.Failure.INTERNAL, "internal error compiling " + source.name() + ": " + what);
    }
    return Optional.empty();
  }

  private Outcome publish(Compiler.Compilation compilation, long cycleStart) {
    long start = System.nanoTime();
    List<WatchLog.Change> changes = new ArrayList<>();
    GenerationWriter.Written written = GenerationWriter.Written.NONE;
    AtomicInteger completed = new AtomicInteger();
    try {
      NodeDirectoryWriter.claim(compilation.nodes().keySet(), layout);
      List<NodeFiles> nodeFiles = List.copyOf(compilation.nodes().values());
      List<GenerationWriter.Result> results =
          NodeDirectoryWriter.writeEach(nodeFiles, layout, completed, publishedKeys);
      for (int i = 0; i < results.size(); i++) {
        GenerationWriter.Result result = results.get(i);
        String node = nodeFiles.get(i).node();
        if (result.bootstrapReplaced()) {
          log.bootstrapReplaced(node, result.directory().resolve(GenerationWriter.BOOTSTRAP));
        }
        if (result.changed()) {
          changes.add(new WatchLog.Change(node, result.generation()));
        }
        written = written.plus(result.written());
      }
    } catch (IOException | UncheckedIOException e) {
      String reason = IoFailure.describe(e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
      log.publishFailed(reason, completed.get(), compilation.nodes().size());
      status.failed(WatchStatus.Failure.IO, "cannot publish: " + reason);
      return Outcome.PUBLISH_FAILED;
    } catch (RuntimeException e) {
      String what = describe(e);
      log.crashed("the publish", what);
      status.failed(WatchStatus.Failure.INTERNAL, "internal error publishing: " + what);
      return Outcome.NOT_COMPILED;
    }
    status.succeeded(!changes.isEmpty(), secondsSince(start), written);
    long millis = (System.nanoTime() - cycleStart) / 1_000_000;
    if (changes.isEmpty()) {
      log.unchanged(source.name(), compilation.nodes().size(), millis);
    } else {
      log.published(++publishes, changes, compilation.nodes().size(), millis, written);
    }
    retire(compilation.nodes().keySet());
    return Outcome.PUBLISHED;
  }

  /** Removes the directories of nodes gone for the grace period; a failure is logged, not fatal. */
  private void retire(java.util.Set<String> published) {
    if (retirement == null) {
      return;
    }
    try {
      List<String> removed = retirement.retire(published, layout.output());
      if (!removed.isEmpty()) {
        log.retired(removed, retirement.grace());
      }
    } catch (IOException e) {
      log.retireFailed(IoFailure.describe(e));
    }
  }

  /** The exception's kind, message and the first place in bent's code it passed, in one line. */
  private static String describe(Throwable e) {
    StackTraceElement[] trace = e.getStackTrace();
    StackTraceElement where = trace.length == 0 ? null : trace[0];
    for (StackTraceElement frame : trace) {
      if (frame.getClassName().startsWith("dev.bent.")) {
        where = frame;
        break;
      }
    }
    return e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
        + (where == null ? "" : " at " + where);
  }

  /** The first error, and how many more there are: the reason /healthz gives. */
  private static String summary(List<Diagnostic> diagnostics, long errors) {
    String first =
        diagnostics.stream().filter(Diagnostic::isError).findFirst().map(Diagnostic::toString).orElse("invalid input");
    return errors > 1 ? first + " (and " + (errors - 1) + " more)" : first;
  }

  private static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
