package dev.bent.source.s3;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How bent's S3 client is built. What is empty here the SDK resolves from its standard settings:
 * the region from aws.region, AWS_REGION or the profile; the endpoint from AWS_ENDPOINT_URL_S3,
 * AWS_ENDPOINT_URL or the profile's endpoint_url; credentials from the default chain (the task
 * role on ECS).
 *
 * @param region the region, or empty for the SDK's own choice
 * @param endpoint an endpoint to use instead of AWS's, or empty for the SDK's own choice
 * @param pathStyle address the bucket in the path ({@code http://host/bucket/key}) rather than in
 *     the host name; what S3-compatible servers behind an overridden endpoint usually need
 * @param credentials fixed credentials, or empty for the default chain
 */
public record S3Settings(
    Optional<String> region, Optional<URI> endpoint, boolean pathStyle, Optional<AwsCredentialsProvider> credentials) {

  /** The variable that turns on path-style addressing; no standard AWS setting does. */
  public static final String PATH_STYLE_VARIABLE = "BENT_S3_PATH_STYLE";

  /**
   * The settings for this process: everything from the SDK's defaults, and path-style addressing
   * when {@value #PATH_STYLE_VARIABLE} is {@code true}.
   *
   * @throws IllegalArgumentException when the variable holds something other than true or false
   */
  public static S3Settings fromEnvironment(Map<String, String> environment) {
    String value = environment.getOrDefault(PATH_STYLE_VARIABLE, "false").trim();
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false") && !value.isEmpty()) {
      throw new IllegalArgumentException(PATH_STYLE_VARIABLE + " must be true or false, got \"" + value + "\"");
    }
    return new S3Settings(Optional.empty(), Optional.empty(), value.equalsIgnoreCase("true"), Optional.empty());
  }
}
