package dev.bent.watch;

import dev.bent.Compiler;
import dev.bent.diag.Diagnostic;
import dev.bent.diag.Diagnostics;
import dev.bent.diag.InternalException;
import dev.bent.diag.InvalidInputException;
import dev.bent.diag.IoFailure;
import dev.bent.emit.NodeFiles;
import dev.bent.model.Mesh;
import dev.bent.write.GenerationWriter;
import dev.bent.write.OutputLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The watch loop: compiles the mesh at start and after every change its source reports, and
 * publishes each node whose output changed as a new generation ({@link GenerationWriter}).
 *
 * <p>Last known good: an input that does not compile publishes nothing. Its diagnostics are
 * logged with their places, {@code /healthz} turns 503, and every node keeps its previous
 * configuration until a good input arrives.
 */
public final class Watcher {
  private final WatchedSource source;
  private final List<String> nodes;
  private final OutputLayout layout;
  private final WatchStatus status;
  private final WatchLog log;
  private volatile boolean stopping;
  private long publishes;
  private List<Diagnostic> lastWarnings = List.of();

  /**
   * A loop over {@code source} that writes {@code nodes} (empty: all) as {@code layout} says,
   * reporting to {@code status} and to {@code log}.
   */
  Watcher(WatchedSource source, List<String> nodes, OutputLayout layout, WatchStatus status, WatchLog log) {
    this.source = source;
    this.nodes = List.copyOf(nodes);
    this.layout = layout;
    this.status = status;
    this.log = log;
  }

  /** Compiles and publishes now, then after each change, until {@link #stop}. */
  public void run() throws IOException, InterruptedException {
    cycle();
    log.watching(source.name());
    while (!stopping && source.awaitChange()) {
      if (!stopping) {
        cycle();
      }
    }
  }

  /**
   * Asks the loop to stop, from any thread. A publish in progress is finished; a wait for the
   * next change ends at once.
   */
  public void stop() {
    stopping = true;
    try {
      source.close();
    } catch (IOException e) {
      log.closeFailed(source.name(), IoFailure.describe(e));
    }
  }

  /** One compile and, if it succeeds, one publish; returns whether the output now matches the input. */
  boolean cycle() {
    long start = System.nanoTime();
    Optional<Compiler.Compilation> compilation = compile();
    status.compiled(secondsSince(start));
    return compilation.isPresent() && publish(compilation.get(), start);
  }

  private Optional<Compiler.Compilation> compile() {
    try {
      Diagnostics diagnostics = new Diagnostics();
      Mesh mesh = source.read(diagnostics);
      Compiler.Compilation compilation = Compiler.compile(mesh, diagnostics, nodes, layout::envoyDir, source.credentials());
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
    }
    return Optional.empty();
  }

  private boolean publish(Compiler.Compilation compilation, long cycleStart) {
    long start = System.nanoTime();
    List<WatchLog.Change> changes = new ArrayList<>();
    int written = 0;
    try {
      for (NodeFiles node : compilation.nodes().values()) {
        GenerationWriter.Result result = GenerationWriter.write(layout.directory(node.node()), node);
        written++;
        if (result.bootstrapReplaced()) {
          log.bootstrapReplaced(node.node(), result.directory().resolve(GenerationWriter.BOOTSTRAP));
        }
        if (result.changed()) {
          changes.add(new WatchLog.Change(node.node(), result.generation()));
        }
      }
    } catch (IOException e) {
      String reason = IoFailure.describe(e);
      log.publishFailed(reason, written, compilation.nodes().size());
      status.failed(WatchStatus.Failure.IO, "cannot publish: " + reason);
      return false;
    }
    status.succeeded(!changes.isEmpty(), secondsSince(start));
    long millis = (System.nanoTime() - cycleStart) / 1_000_000;
    if (changes.isEmpty()) {
      log.unchanged(source.name(), compilation.nodes().size(), millis);
    } else {
      log.published(++publishes, changes, compilation.nodes().size(), millis);
    }
    return true;
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
