package dev.bent.source.s3;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 calls that mesh snapshots need, and nothing else: a conditional GET, a HEAD and a
 * conditional PUT of one object. Every answer is plain data ({@link Fetch}, {@link Head}); every
 * failure is an {@link IOException} whose message names the object and the reason, so no SDK type
 * reaches the caller.
 *
 * <p>A snapshot's metadata carries the SHA-256 of its content ({@value #SHA256}) and the time of
 * the scan it came from ({@value #SCAN_TIME}, ISO-8601), which is how two scanners agree on which
 * snapshot is newer. The client uses the SDK's standard retry mode and attempts (AWS_RETRY_MODE,
 * AWS_MAX_ATTEMPTS, the profile) and gives every call an overall timeout.
 */
public final class S3Snapshots implements AutoCloseable {
  /** The metadata key of the content's SHA-256, in lower-case hex. */
  public static final String SHA256 = "bent-sha256";
  /** The metadata key of the scan time. */
  public static final String SCAN_TIME = "bent-scan-time";
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

  private final S3Client client;
  private final AtomicLong requests = new AtomicLong();

  private S3Snapshots(S3Client client) {
    this.client = client;
  }

  /** A client built from {@code settings}; close it when done. */
  public static S3Snapshots create(S3Settings settings) {
    S3ClientBuilder builder = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .forcePathStyle(settings.pathStyle())
        .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT).apiCallAttemptTimeout(ATTEMPT_TIMEOUT));
    settings.region().map(Region::of).ifPresent(builder::region);
    settings.endpoint().ifPresent(builder::endpointOverride);
    settings.credentials().ifPresent(builder::credentialsProvider);
    return new S3Snapshots(builder.build());
  }

  /** What a snapshot's metadata says about it; either part may be absent (an object written by hand). */
  public record Info(Optional<String> sha256, Optional<Instant> scanTime) {
    static Info of(Map<String, String> metadata) {
      Optional<Instant> time;
      try {
        time = Optional.ofNullable(metadata.get(SCAN_TIME)).map(Instant::parse);
      } catch (DateTimeParseException e) {
        time = Optional.empty();
      }
      return new Info(Optional.ofNullable(metadata.get(SHA256)), time);
    }
  }

  /** The answer to a GET. */
  public sealed interface Fetch {}

  /** The snapshot's content, its ETag and what its metadata says. */
  public record Found(byte[] content, String etag, Info info) implements Fetch {}

  /** The snapshot still has the ETag that the caller gave: nothing was transferred. */
  public record NotModified() implements Fetch {}

  /** There is no snapshot (yet), or S3 will not say whether there is one; {@code reason} says which. */
  public record Missing(String reason) implements Fetch {}

  /** The current object's ETag and metadata, from a HEAD. */
  public record Head(String etag, Info info) {}

  /** How many requests this client has sent. */
  public long requests() {
    return requests.get();
  }

  /**
   * Gets the snapshot, or only learns that it is unchanged when {@code ifNoneMatch} (an ETag from
   * an earlier {@link Found}) still matches.
   */
  public Fetch get(S3Location location, Optional<String> ifNoneMatch) throws IOException {
    GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(location.bucket()).key(location.key());
    ifNoneMatch.ifPresent(request::ifNoneMatch);
    requests.incrementAndGet();
    try {
      ResponseBytes<GetObjectResponse> bytes = client.getObjectAsBytes(request.build());
      GetObjectResponse response = bytes.response();
      return new Found(bytes.asByteArray(), response.eTag(), Info.of(response.metadata()));
    } catch (S3Exception e) {
      if (e.statusCode() == 304) {
        return new NotModified();
      }
      return missing(location, e).orElseThrow(() -> failure("read", location, e));
    } catch (SdkException e) {
      throw failure("read", location, e);
    }
  }

  /** The current object's ETag and metadata; empty when it does not exist or S3 will not say. */
  public Optional<Head> head(S3Location location) throws IOException {
    requests.incrementAndGet();
    try {
      HeadObjectResponse response = client.headObject(b -> b.bucket(location.bucket()).key(location.key()));
      return Optional.of(new Head(response.eTag(), Info.of(response.metadata())));
    } catch (S3Exception e) {
      if (missing(location, e).isPresent()) {
        return Optional.empty();
      }
      throw failure("read", location, e);
    } catch (SdkException e) {
      throw failure("read", location, e);
    }
  }

  /**
   * Writes {@code content} with {@code metadata}, but only if the object is still the one the
   * caller looked at: {@code ifMatch} its ETag, or empty when it did not exist. S3 checks the
   * condition and the write as one step.
   *
   * @return false when the object changed in between (someone else wrote it), and nothing was written
   */
  public boolean put(S3Location location, byte[] content, Map<String, String> metadata, Optional<String> ifMatch)
      throws IOException {
    PutObjectRequest.Builder request = PutObjectRequest.builder()
        .bucket(location.bucket())
        .key(location.key())
        .contentType("application/yaml")
        .metadata(metadata);
    if (ifMatch.isPresent()) {
      request.ifMatch(ifMatch.get());
    } else {
      request.ifNoneMatch("*");
    }
    requests.incrementAndGet();
    try {
      client.putObject(request.build(), RequestBody.fromBytes(content));
      return true;
    } catch (S3Exception e) {
      // 412: the condition failed; 409: a concurrent conditional write to the same key won.
      if (e.statusCode() == 412 || e.statusCode() == 409) {
        return false;
      }
      throw failure("write", location, e);
    } catch (SdkException e) {
      if (conditionFailsNow(location, ifMatch)) {
        return false;
      }
      throw failure("write", location, e);
    }
  }

  /**
   * Whether the write's condition fails on the object as it is now. Reasoning: a server may answer
   * 412 before it has read the body, and the HTTP client then reports a failed write instead of
   * that answer. Returning false makes the caller look at the object again, and a write of its own
   * that did land is recognized there by its digest.
   */
  private boolean conditionFailsNow(S3Location location, Optional<String> ifMatch) {
    try {
      Optional<String> etag = head(location).map(Head::etag);
      return ifMatch.isPresent() ? !etag.equals(ifMatch) : etag.isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    client.close();
  }

  /**
   * Reasoning: S3 answers 403 rather than 404 for a missing key to a caller without
   * s3:ListBucket, so that it cannot learn which keys exist. A sidecar that starts before the
   * first snapshot is published sees exactly that; it is the same state as 404, with a message
   * that names both possible causes.
   */
  private static Optional<Fetch> missing(S3Location location, S3Exception e) {
    if (e.statusCode() == 404 && !"NoSuchBucket".equals(code(e))) {
      return Optional.of(new Missing(location + " does not exist yet"));
    }
    if (e.statusCode() == 403) {
      return Optional.of(new Missing(location + " is not readable: S3 answered 403 Access Denied, which means"
          + " either that it does not exist yet and this role lacks s3:ListBucket, or that this role lacks"
          + " s3:GetObject on it"));
    }
    return Optional.empty();
  }

  private static String code(S3Exception e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }

  private static IOException failure(String verb, S3Location location, SdkException e) {
    String reason;
    if (e instanceof S3Exception s3) {
      String code = code(s3);
      reason = "S3 answered " + s3.statusCode() + (code == null ? "" : " " + code);
    } else {
      reason = e.getMessage();
    }
    return new IOException("cannot " + verb + " " + location + ": " + reason, e);
  }
}
