package dev.bent.source.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.resolve.Credentials;
import dev.bent.source.ScanFilter;
import dev.bent.source.ScanLoop;
import dev.bent.source.SnapshotScanner;
import dev.bent.source.SnapshotTarget.Publication;
import dev.bent.source.ecs.EcsOptions;
import dev.bent.source.ecs.EcsSource;
import dev.bent.source.ecs.FakeEcs;
import dev.bent.source.ecs.Labels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A scanner over the local ECS publishing to the local S3: only changes, and never an earlier scan over a later one. */
class SnapshotPublishTest {
  private static LocalS3 s3;
  private static int tests;
  private S3Location snapshot;
  private FakeEcs ecs;
  private String beta;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeAll
  static void startS3() throws Exception {
    s3 = LocalS3.start();
    s3.createBucket("fleet");
  }

  @AfterAll
  static void stopS3() throws Exception {
    s3.close();
  }

  @BeforeEach
  void start() throws Exception {
    snapshot = new S3Location("fleet", "test" + ++tests + "/mesh.yaml");
    ecs = new FakeEcs();
    beta = ecs.addDefinition("beta", 1, "awsvpc",
        Labels.containers("envoy", Labels.of(), "app", Labels.of("envoy.service.beta.svc", "app:3000")));
    ecs.addTask("prod", "a1", beta);
  }

  @AfterEach
  void stop() throws Exception {
    Collections.reverse(open);
    for (AutoCloseable c : open) {
      c.close();
    }
    ecs.close();
  }

  /** A scanner of its own (own ECS and S3 clients), as a second process would have. */
  private SnapshotScanner scanner() {
    EcsOptions options = ecs.options();
    EcsSource source = EcsSource.using(ecs.client(options), options);
    open.add(source);
    return new SnapshotScanner(source, ScanFilter.none(), new Credentials(Path.of("."), System::getenv),
        Clock.systemUTC());
  }

  private S3SnapshotTarget target() {
    S3SnapshotTarget target = new S3SnapshotTarget(S3Snapshots.create(s3.settings("scanner")), snapshot);
    open.add(target);
    return target;
  }

  private String stored() throws Exception {
    return s3.text(snapshot.bucket(), snapshot.key()).orElseThrow();
  }

  @Test
  void aSnapshotIsPublishedOnlyWhenItsBytesChangeWithDigestAndScanTime() throws Exception {
    SnapshotScanner scanner = scanner();
    S3SnapshotTarget target = target();
    SnapshotScanner.Snapshot first = scanner.scan();
    assertEquals(Publication.PUBLISHED, SnapshotScanner.publish(first, target));
    Map<String, String> metadata = s3.metadata(snapshot.bucket(), snapshot.key());
    assertEquals(S3SnapshotTarget.sha256(first.content()), metadata.get(S3Snapshots.SHA256));
    assertEquals(first.scanTime().toString(), metadata.get(S3Snapshots.SCAN_TIME));
    assertTrue(stored().contains("\"a1\":"), stored());

    SnapshotScanner.Snapshot again = scanner.scan();
    assertEquals(Publication.UNCHANGED, SnapshotScanner.publish(again, target));
    assertEquals(first.scanTime().toString(), s3.metadata(snapshot.bucket(), snapshot.key()).get(S3Snapshots.SCAN_TIME));

    ecs.addTask("prod", "b2", beta);
    assertEquals(Publication.PUBLISHED, SnapshotScanner.publish(scanner.scan(), target));
    assertTrue(stored().contains("\"b2\":"), stored());
  }

  @Test
  void aRestartedScannerComparesWithTheObjectNotWithItsOwnLastWrite() throws Exception {
    assertEquals(Publication.PUBLISHED, SnapshotScanner.publish(scanner().scan(), target()));
    assertEquals(Publication.UNCHANGED, SnapshotScanner.publish(scanner().scan(), target()));
  }

  @Test
  void anEarlierScanNeverReplacesTheSnapshotOfALaterScan() throws Exception {
    SnapshotScanner slow = scanner();
    SnapshotScanner fast = scanner();
    SnapshotScanner.Snapshot early = slow.scan();
    ecs.addTask("prod", "b2", beta);
    SnapshotScanner.Snapshot late = fast.scan();
    assertTrue(late.scanTime().isAfter(early.scanTime()) || late.scanTime().equals(early.scanTime()));

    assertEquals(Publication.PUBLISHED, SnapshotScanner.publish(late, target()));
    assertEquals(Publication.SUPERSEDED, SnapshotScanner.publish(early, target()));
    assertEquals(new String(late.content(), StandardCharsets.UTF_8), stored());
  }

  @Test
  void twoScannersWithOffsetIntervalsPublishOnlyForwardAndEndOnTheFleetAsItIs() throws Exception {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    ScanLoop first = new ScanLoop(scanner(), target(), Duration.ofMillis(170), line -> log.add("first: " + line));
    ScanLoop second = new ScanLoop(scanner(), target(), Duration.ofMillis(290), line -> log.add("second: " + line));
    Thread one = new Thread(() -> runQuietly(first));
    List<Instant> seen = Collections.synchronizedList(new ArrayList<>());
    Thread observer = new Thread(() -> observe(seen));
    one.start();
    Thread.sleep(90);
    Thread two = new Thread(() -> runQuietly(second));
    two.start();
    observer.start();
    for (int i = 0; i < 6; i++) {
      Thread.sleep(200);
      ecs.addTask("prod", "t" + i, beta);
      if (i % 2 == 1) {
        ecs.removeTask("prod", "t" + (i - 1));
      }
    }
    Thread.sleep(1200);
    first.stop();
    second.stop();
    one.join();
    two.join();
    observer.interrupt();
    observer.join();

    String expected = new String(scanner().scan().content(), StandardCharsets.UTF_8);
    assertEquals(expected, stored(), String.join("\n", log));
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(!seen.get(i).isBefore(seen.get(i - 1)), "scan times went back: " + seen + "\n" + String.join("\n", log));
    }
    // Which scanner publishes a change depends on who scans first after it; both must have taken part.
    assertTrue(log.stream().anyMatch(l -> l.contains(": published")), String.join("\n", log));
    assertTrue(log.stream().anyMatch(l -> l.startsWith("second: ")), String.join("\n", log));
  }

  private static void runQuietly(ScanLoop loop) {
    try {
      loop.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Records each new scan time that the object shows, until interrupted. */
  private void observe(List<Instant> seen) {
    String last = null;
    while (!Thread.currentThread().isInterrupted()) {
      String time = s3.metadata(snapshot.bucket(), snapshot.key()).get(S3Snapshots.SCAN_TIME);
      if (time != null && !time.equals(last)) {
        seen.add(Instant.parse(time));
        last = time;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
