package dev.bent.source;

import java.io.IOException;
import java.time.Instant;

/**
 * Where a scanner publishes mesh snapshots: a file or an S3 object. A target compares with what it
 * holds now, not with what this process wrote last, so that two scanners can share it.
 */
public interface SnapshotTarget extends AutoCloseable {

  /** What a {@link #publish} did. */
  enum Publication {
    /** The content is now the target's. */
    PUBLISHED,
    /** The target already holds these bytes; nothing was written. */
    UNCHANGED,
    /** The target holds a snapshot from a later scan; nothing was written. */
    SUPERSEDED
  }

  /** How messages name the target, for example {@code s3://bucket/mesh.yaml}. */
  String name();

  /**
   * Publishes {@code content}, the snapshot of the scan that started at {@code scanTime}, unless
   * the target already holds these bytes or a snapshot from a later scan.
   */
  Publication publish(byte[] content, Instant scanTime) throws IOException;

  @Override
  default void close() {}
}
