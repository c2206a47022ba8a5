package dev.bent.source.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class S3SnapshotsTest {
  private static LocalS3 s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = LocalS3.start();
    s3.createBucket("snapshots");
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aKeyThatDoesNotExistIsMissingNotAnError() throws Exception {
    try (S3Snapshots snapshots = S3Snapshots.create(s3.settings("reader"))) {
      S3Snapshots.Fetch fetch = snapshots.get(new S3Location("snapshots", "absent.yaml"), Optional.empty());
      assertTrue(((S3Snapshots.Missing) fetch).reason().contains("does not exist yet"), fetch.toString());
      assertTrue(snapshots.head(new S3Location("snapshots", "absent.yaml")).isEmpty());
    }
  }

  @Test
  void aCallerWithoutListBucketSeesAMissingKeyAsMissingToo() throws Exception {
    s3.restrict("no-list", Set.of("s3:GetObject"));
    try (S3Snapshots snapshots = S3Snapshots.create(s3.settings("no-list"))) {
      S3Snapshots.Fetch fetch = snapshots.get(new S3Location("snapshots", "absent.yaml"), Optional.empty());
      String reason = ((S3Snapshots.Missing) fetch).reason();
      assertTrue(reason.contains("403") && reason.contains("s3:ListBucket"), reason);
    }
  }

  @Test
  void anUnchangedSnapshotIsANotModifiedAnswerAndAChangedOneIsFetched() throws Exception {
    S3Location location = new S3Location("snapshots", "conditional.yaml");
    try (S3Snapshots snapshots = S3Snapshots.create(s3.settings("writer"))) {
      Instant time = Instant.parse("2026-01-01T00:00:00Z");
      assertTrue(snapshots.put(location, bytes("nodes: {}\n"), Map.of(S3Snapshots.SCAN_TIME, time.toString()),
          Optional.empty()));
      S3Snapshots.Found first = (S3Snapshots.Found) snapshots.get(location, Optional.empty());
      assertArrayEquals(bytes("nodes: {}\n"), first.content());
      assertEquals(Optional.of(time), first.info().scanTime());
      assertInstanceOf(S3Snapshots.NotModified.class, snapshots.get(location, Optional.of(first.etag())));
      assertTrue(snapshots.put(location, bytes("nodes: {a: }\n"), Map.of(), Optional.of(first.etag())));
      S3Snapshots.Found second = (S3Snapshots.Found) snapshots.get(location, Optional.of(first.etag()));
      assertArrayEquals(bytes("nodes: {a: }\n"), second.content());
    }
  }

  @Test
  void aConditionalPutAgainstAStaleEtagWritesNothing() throws Exception {
    S3Location location = new S3Location("snapshots", "race.yaml");
    try (S3Snapshots snapshots = S3Snapshots.create(s3.settings("writer"))) {
      assertTrue(snapshots.put(location, bytes("one"), Map.of(), Optional.empty()));
      String stale = snapshots.head(location).orElseThrow().etag();
      assertTrue(snapshots.put(location, bytes("two"), Map.of(), Optional.of(stale)));
      assertFalse(snapshots.put(location, bytes("three"), Map.of(), Optional.of(stale)));
      assertFalse(snapshots.put(location, bytes("four"), Map.of(), Optional.empty()));
      assertArrayEquals(bytes("two"), ((S3Snapshots.Found) snapshots.get(location, Optional.empty())).content());
    }
  }
}
