package dev.bent.watch;

import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.resolve.Credentials;
import dev.bent.source.ecs.OwnTask;
import java.io.IOException;
import java.util.Map;

/**
 * A watched mesh snapshot with this ECS task's own node read from its task metadata at every read
 * ({@link OwnTask}): what {@code watch --node auto} over a snapshot compiles.
 */
final class OwnTaskSource implements WatchedSource {
  private final WatchedSource snapshot;
  private final Map<String, String> env;

  OwnTaskSource(WatchedSource snapshot, Map<String, String> env) {
    this.snapshot = snapshot;
    this.env = Map.copyOf(env);
  }

  @Override
  public String name() {
    return snapshot.name();
  }

  @Override
  public Credentials credentials() {
    return snapshot.credentials();
  }

  @Override
  public Mesh read(Diagnostics diagnostics) throws IOException {
    return OwnTask.merge(snapshot.read(diagnostics), env, diagnostics);
  }

  @Override
  public boolean awaitChange() throws IOException, InterruptedException {
    return snapshot.awaitChange();
  }

  @Override
  public Valve valve() {
    return snapshot.valve();
  }

  @Override
  public void close() throws IOException {
    snapshot.close();
  }
}
