package dev.bent.source.s3;

import dev.bent.source.SnapshotTarget;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot target that is an S3 object, safe for two scanners that publish out of phase.
 *
 * <p>Steps of one publish: (1) HEAD the object to learn its ETag, content digest and scan time;
 * (2) if its digest is ours, stop: unchanged; (3) if it comes from a later scan than ours, stop:
 * superseded; (4) PUT with {@code If-Match} its ETag ({@code If-None-Match: *} when there is none),
 * so that S3 refuses the write if anyone wrote in between; (5) if refused, start again at (1),
 * where the other scanner's snapshot is now what we compare with.
 *
 * <p>Reasoning: comparing with the object rather than with this process's last write is what lets
 * a restarted scanner, or a second one, publish nothing when nothing changed; the conditional PUT
 * is what keeps an earlier scan from overwriting a later one in the moment between HEAD and PUT.
 */
public final class S3SnapshotTarget implements SnapshotTarget {
  /** Lost races in a row before a publish gives up until the next scan. */
  private static final int ATTEMPTS = 5;

  private final S3Snapshots snapshots;
  private final S3Location location;

  public S3SnapshotTarget(S3Snapshots snapshots, S3Location location) {
    this.snapshots = snapshots;
    this.location = location;
  }

  @Override
  public String name() {
    return location.toString();
  }

  @Override
  public Publication publish(byte[] content, Instant scanTime) throws IOException {
    String digest = sha256(content);
    Map<String, String> metadata = Map.of(S3Snapshots.SHA256, digest, S3Snapshots.SCAN_TIME, scanTime.toString());
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      // Step 1.
      Optional<S3Snapshots.Head> current = snapshots.head(location);
      if (current.isPresent()) {
        S3Snapshots.Info info = current.get().info();
        // Step 2.
        if (info.sha256().filter(digest::equals).isPresent()) {
          return Publication.UNCHANGED;
        }
        // Step 3.
        if (info.scanTime().filter(t -> t.isAfter(scanTime)).isPresent()) {
          return Publication.SUPERSEDED;
        }
      }
      // Step 4.
      if (snapshots.put(location, content, metadata, current.map(S3Snapshots.Head::etag))) {
        return Publication.PUBLISHED;
      }
      // Step 5: another writer came first.
    }
    throw new IOException("cannot publish " + location + ": it changed under every one of " + ATTEMPTS
        + " conditional writes; another writer is publishing without pause");
  }

  @Override
  public void close() {
    snapshots.close();
  }

  /** The lower-case hex SHA-256 of {@code content}, as the metadata carries it. */
  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
