package dev.bent.watch;

import dev.bent.diag.Diagnostic;
import dev.bent.write.GenerationWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The lines a watch writes to stderr: one per compile (what was published, or why nothing was),
 * the diagnostics of a bad input with their places, and warnings that need a person.
 *
 * <p>Reasoning: lines carry no timestamp; the supervisor that keeps a watch running (systemd,
 * Docker, Kubernetes) stamps each line, and diagnostics keep the {@code file:line:col} form that
 * editors jump to.
 */
final class WatchLog implements dev.bent.cli.StopOnSignal.Log {
  /** A published generation, named in the log line. */
  record Change(String node, String generation) {}

  private static final int NAMED_CHANGES = 5;

  private final PrintWriter err;

  WatchLog(PrintWriter err) {
    this.err = err;
  }

  void published(long publish, List<Change> changes, int nodes, long millis, GenerationWriter.Written written) {
    StringBuilder line = new StringBuilder("bent: publish ").append(publish).append(": ");
    line.append(changes.size()).append(" of ").append(nodes).append(nodes == 1 ? " node" : " nodes");
    line.append(" changed in ").append(millis).append(" ms, ").append(written.bytes())
        .append(written.bytes() == 1 ? " byte" : " bytes").append(" written in ").append(written.files())
        .append(written.files() == 1 ? " file: " : " files: ");
    for (int i = 0; i < Math.min(NAMED_CHANGES, changes.size()); i++) {
      line.append(i == 0 ? "" : ", ").append(changes.get(i).node()).append(' ').append(changes.get(i).generation());
    }
    if (changes.size() > NAMED_CHANGES) {
      line.append(" and ").append(changes.size() - NAMED_CHANGES).append(" more");
    }
    print(line.toString());
  }

  void retired(List<String> nodes, java.time.Duration grace) {
    print("bent: removed the directories of " + nodes.size() + (nodes.size() == 1 ? " node" : " nodes")
        + " absent from the mesh for " + grace.toSeconds() + " s: " + String.join(", ", nodes));
  }

  void retireFailed(String reason) {
    print("bent: could not remove the directory of a node that left the mesh: " + reason + "; tried again after"
        + " the next publish");
  }

  void unchanged(String source, int nodes, long millis) {
    print("bent: " + source + " compiled in " + millis + " ms; no node changed (" + nodes
        + (nodes == 1 ? " node)" : " nodes)"));
  }

  void watching(String source) {
    print("bent: watching " + source + " for changes");
  }

  void statusServed(String address, int port) {
    print("bent: status on http://" + address + ":" + port + "/healthz and /metrics");
  }

  void warnings(List<Diagnostic> warnings) {
    warnings.forEach(err::println);
    err.flush();
  }

  void bootstrapReplaced(String node, Path file) {
    print("bent: warning: " + file + " (node " + node + ") changed; Envoy reads its bootstrap only at"
        + " start: restart that Envoy to apply it");
  }

  void invalid(String source, List<Diagnostic> diagnostics, long errors) {
    diagnostics.forEach(err::println);
    print("bent: " + source + ": " + errors + (errors == 1 ? " error" : " errors")
        + "; nothing was published, the previous configuration stays live");
  }

  void internal(List<Diagnostic> diagnostics) {
    print("bent: internal error: the generated configuration is invalid; nothing was published.");
    diagnostics.forEach(err::println);
    print("bent: this is a bug in bent; please report it with the mesh that caused it.");
  }

  void readFailed(String source, String reason) {
    print("bent: cannot read " + source + ": " + reason + "; the previous configuration stays live");
  }

  void closeFailed(String source, String reason) {
    print("bent: cannot stop watching " + source + ": " + reason);
  }

  void publishFailed(String reason, int written, int nodes) {
    print("bent: publish failed after " + written + " of " + nodes + " nodes: " + reason
        + "; every node directory keeps a complete configuration (the rest the previous one);"
        + " bent tries again shortly");
  }

  void retrying(int attempt, java.time.Duration delay) {
    print("bent: retrying the publish (attempt " + attempt + ") in " + delay.toMillis() + " ms");
  }

  void crashed(String what, String exception) {
    print("bent: internal error in " + what + " (a bug in bent; please report it): " + exception
        + "; the previous configuration stays live");
  }

  @Override
  public void stopping() {
    print("bent: stopping; a publish in progress is finished first");
  }

  @Override
  public void stopped() {
    print("bent: stopped");
  }

  @Override
  public void abandoned(long graceSeconds) {
    print("bent: did not stop within " + graceSeconds + " s; abandoning the publish in progress"
        + " (each node directory keeps a complete configuration)");
  }

  private void print(String line) {
    err.println(line);
    err.flush();
  }
}
