package dev.bent.source.s3;

import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.source.MeshFileReader;
import dev.bent.source.MeshSource;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;

/**
 * A mesh snapshot in S3 as a {@link MeshSource}: the mesh file that {@code bent scan -o s3://...}
 * publishes, read with conditional GETs. {@link #poll} costs one request and, while the snapshot
 * is unchanged, transfers nothing (304); {@link #read} parses what the last poll fetched.
 *
 * <p>A snapshot that does not exist yet is its own state, {@link Poll#MISSING}; {@link #read} then
 * throws an {@link IOException} that says so (a 403 from S3 included: see {@link S3Snapshots}).
 */
public final class S3MeshSource implements MeshSource, AutoCloseable {
  private final S3Snapshots snapshots;
  private final S3Location location;
  private S3Snapshots.Found current;
  private String missing;

  /** What a {@link #poll} found. */
  public enum Poll {
    /** A snapshot other than the one held before (or the first). */
    CHANGED,
    /** The same snapshot as before: one 304, nothing transferred. */
    UNCHANGED,
    /** No snapshot (yet). */
    MISSING
  }

  public S3MeshSource(S3Snapshots snapshots, S3Location location) {
    this.snapshots = snapshots;
    this.location = location;
  }

  /** Opens {@code location} with a client built from {@code settings}. */
  public static S3MeshSource open(S3Location location, S3Settings settings) {
    return new S3MeshSource(S3Snapshots.create(settings), location);
  }

  public S3Location location() {
    return location;
  }

  /** How many requests this source has sent to S3. */
  public long requests() {
    return snapshots.requests();
  }

  /**
   * Asks S3 whether the snapshot changed since the last poll (If-None-Match with its ETag), and
   * keeps it if it did.
   *
   * @throws IOException when S3 cannot be reached or refuses for another reason
   */
  public synchronized Poll poll() throws IOException {
    S3Snapshots.Fetch fetch = snapshots.get(location, Optional.ofNullable(current).map(S3Snapshots.Found::etag));
    if (fetch instanceof S3Snapshots.NotModified) {
      return Poll.UNCHANGED;
    }
    if (fetch instanceof S3Snapshots.Missing gone) {
      boolean was = missing != null;
      current = null;
      missing = gone.reason();
      return was ? Poll.UNCHANGED : Poll.MISSING;
    }
    S3Snapshots.Found found = (S3Snapshots.Found) fetch;
    boolean same = current != null && current.etag().equals(found.etag());
    current = found;
    missing = null;
    return same ? Poll.UNCHANGED : Poll.CHANGED;
  }

  /** Whether the last poll found no snapshot. */
  public synchronized boolean isMissing() {
    return missing != null;
  }

  /**
   * Parses the snapshot the last {@link #poll} fetched, polling first if none has been fetched.
   * Problems in its content go to {@code diagnostics} with {@code s3://bucket/key:line:col}.
   *
   * @throws IOException when there is no snapshot, or S3 cannot be read
   */
  @Override
  public synchronized Mesh read(Set<String> wantedNodes, Diagnostics diagnostics) throws IOException {
    if (current == null) {
      poll();
    }
    if (current == null) {
      throw new IOException(missing + "; a scanner ('bent scan --source ecs --watch -o " + location
          + "') publishes it");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(current.content())).toString();
    } catch (CharacterCodingException e) {
      diagnostics.error(dev.bent.diag.Location.of(location.toString()), "mesh snapshot is not UTF-8 text");
      text = "";
    }
    return MeshFileReader.parse(location.toString(), text, diagnostics);
  }

  @Override
  public void close() {
    snapshots.close();
  }
}
