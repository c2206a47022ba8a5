package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import org.junit.jupiter.api.Test;

/** What /healthz reports, from the outcome of the latest compile. */
class WatchStatusTest {

  @Test
  void healthFollowsTheLatestCompile() {
    WatchStatus status = new WatchStatus(Clock.systemUTC());
    assertFalse(status.health().ok());
    assertTrue(status.health().reason().startsWith("starting"), status.health().reason());
    status.succeeded(false, 0.01, dev.bent.write.GenerationWriter.Written.NONE);
    assertEquals(new WatchStatus.Health(true, "ok"), status.health());
    status.failed(WatchStatus.Failure.INVALID_INPUT, "mesh.yaml:3:7: error: invalid YAML");
    assertEquals(new WatchStatus.Health(false, "mesh.yaml:3:7: error: invalid YAML"), status.health());
    status.succeeded(true, 0.01, dev.bent.write.GenerationWriter.Written.NONE);
    assertTrue(status.health().ok());
  }
}
