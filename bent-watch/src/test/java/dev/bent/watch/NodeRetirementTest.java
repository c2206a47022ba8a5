package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When the directory of a node that left the mesh is removed. */
class NodeRetirementTest {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };

  @Test
  void aNodeAbsentForTheWholeGracePeriodIsDueAndOneThatCameBackStartsOver() {
    NodeRetirement retirement = new NodeRetirement(Duration.ofMinutes(10), clock);
    Set<String> owned = Set.of("a", "b", "c");
    assertEquals(List.of(), retirement.due(Set.of("a", "b", "c"), owned));
    assertEquals(List.of(), retirement.due(Set.of("a"), owned));
    assertEquals(2, retirement.waiting());
    now = now.plus(Duration.ofMinutes(6));
    assertEquals(List.of(), retirement.due(Set.of("a", "c"), owned), "c came back");
    now = now.plus(Duration.ofMinutes(4));
    assertEquals(List.of("b"), retirement.due(Set.of("a"), owned), "b: 10 minutes; c: absent again since now");
    retirement.retired("b");
    now = now.plus(Duration.ofMinutes(10));
    assertEquals(List.of("c"), retirement.due(Set.of("a"), Set.of("a", "c")));
  }

  @Test
  void aDirectoryBentDoesNotOwnIsNeverDue() {
    NodeRetirement retirement = new NodeRetirement(Duration.ZERO, clock);
    assertEquals(List.of("b"), retirement.due(Set.of("a"), Set.of("a", "b")));
    assertEquals(List.of(), retirement.due(Set.of("a"), Set.of("a")), "only what the manifest lists");
  }
}
