package dev.bent.source.ecs;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.EcsClientBuilder;

/**
 * Builds the ECS client that a scan uses: the JDK's HTTP client, the SDK's standard retry mode
 * (throttling and 5xx are retried with exponential backoff and jitter, 3 attempts), the default
 * credential chain, and the region and endpoint from {@link EcsOptions} or else the SDK's defaults.
 *
 * <p>The SDK resolves what is not set here on its own: credentials from aws.accessKeyId,
 * AWS_ACCESS_KEY_ID, the profile, the ECS container credentials (the task role) or instance
 * metadata; the region from aws.region, AWS_REGION or the profile; the endpoint from
 * AWS_ENDPOINT_URL_ECS or AWS_ENDPOINT_URL (or aws.endpointUrlEcs and aws.endpointUrl).
 */
public final class EcsClients {
  private EcsClients() {}

  /** A builder with bent's settings applied; callers may change it further before building. */
  public static EcsClientBuilder builder(EcsOptions options) {
    EcsClientBuilder builder =
        EcsClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.standardRetryStrategy()));
    options.region().map(Region::of).ifPresent(builder::region);
    options.endpoint().ifPresent(builder::endpointOverride);
    return builder;
  }
}
