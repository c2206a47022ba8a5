package dev.bent.source.ecs;

import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.EcsClientBuilder;

/**
 * Builds the ECS client that a scan uses: the JDK's HTTP client, the default credential chain, an
 * overall time limit per API call, and the region and endpoint from {@link EcsOptions} or else the
 * SDK's defaults.
 *
 * <p>The SDK resolves what is not set here on its own: credentials from aws.accessKeyId,
 * AWS_ACCESS_KEY_ID, the profile, the ECS container credentials (the task role) or instance
 * metadata; the region from aws.region, AWS_REGION or the profile; the endpoint from
 * AWS_ENDPOINT_URL_ECS or AWS_ENDPOINT_URL (or aws.endpointUrlEcs and aws.endpointUrl); the retry
 * mode and the number of attempts from AWS_RETRY_MODE and AWS_MAX_ATTEMPTS (aws.retryMode,
 * aws.maxAttempts, or retry_mode and max_attempts in the profile). Reasoning: retries are the
 * operator's to tune for the account's throttling budget, so bent sets no strategy of its own.
 */
public final class EcsClients {
  /** The longest one API call may take, all retries included. */
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  /** The longest one attempt of an API call may take. */
  public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

  private EcsClients() {}

  /** A builder with bent's settings applied; callers may change it further before building. */
  public static EcsClientBuilder builder(EcsOptions options) {
    return builder(options, CALL_TIMEOUT, ATTEMPT_TIMEOUT);
  }

  /** A builder with the given limits for a whole API call and for each of its attempts. */
  static EcsClientBuilder builder(EcsOptions options, Duration callTimeout, Duration attemptTimeout) {
    EcsClientBuilder builder =
        EcsClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(c -> c.apiCallTimeout(callTimeout).apiCallAttemptTimeout(attemptTimeout));
    options.region().map(Region::of).ifPresent(builder::region);
    options.endpoint().ifPresent(builder::endpointOverride);
    return builder;
  }
}
