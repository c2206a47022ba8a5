package dev.bent.source.s3;

import java.util.Optional;

/**
 * Where a mesh snapshot lies in S3: a bucket and a key, written {@code s3://bucket/key}.
 *
 * @param bucket the bucket name
 * @param key the object key, without a leading slash
 */
public record S3Location(String bucket, String key) {
  private static final String SCHEME = "s3://";

  /** Whether {@code text} names an S3 object rather than a file. */
  public static boolean isS3(String text) {
    return text != null && text.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
  }

  /**
   * Parses {@code s3://bucket/key}; empty when {@code text} is not of that form (no bucket, no key,
   * or another scheme), so the caller can report it as a usage error.
   */
  public static Optional<S3Location> parse(String text) {
    if (!isS3(text)) {
      return Optional.empty();
    }
    String rest = text.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(new S3Location(rest.substring(0, slash), rest.substring(slash + 1)));
  }

  @Override
  public String toString() {
    return SCHEME + bucket + "/" + key;
  }
}
