package dev.bent.watch;

import dev.bent.cli.SourceOptions;
import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.resolve.Credentials;
import dev.bent.source.MeshSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A live source (an ECS scan) as a {@link WatchedSource}: read again every {@code interval}, give or
 * take a random tenth of it.
 *
 * <p>Reasoning: the jitter keeps many sidecars started together (a service scaled up at once) from
 * scanning the API in the same second, forever after. Whether anything changed is decided by the
 * compile: an unchanged scan compiles to the same bytes and publishes nothing.
 */
final class PollingSource implements WatchedSource {
  private final MeshSource source;
  private final String name;
  private final Duration interval;
  private final List<String> wantedNodes;
  private final CountDownLatch closed = new CountDownLatch(1);

  PollingSource(MeshSource source, String name, Duration interval, List<String> wantedNodes) {
    this.source = source;
    this.name = name;
    this.interval = interval;
    this.wantedNodes = List.copyOf(wantedNodes);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Credentials credentials() {
    return new Credentials(Path.of("."), System::getenv);
  }

  @Override
  public Mesh read(Diagnostics diagnostics) throws IOException {
    return source.read(new LinkedHashSet<>(wantedNodes), diagnostics);
  }

  @Override
  public boolean awaitChange() throws InterruptedException {
    return !closed.await(nextWaitMillis(), TimeUnit.MILLISECONDS);
  }

  long nextWaitMillis() {
    long millis = interval.toMillis();
    long jitter = millis / 10;
    return jitter == 0 ? millis : millis - jitter + ThreadLocalRandom.current().nextLong(2 * jitter + 1);
  }

  @Override
  public void close() {
    closed.countDown();
    SourceOptions.close(source);
  }
}
