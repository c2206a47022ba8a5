package dev.bent.source.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The ECS task metadata endpoint (version 4), which tells a container which task it runs in: the
 * node name of {@code --node auto}.
 *
 * <p>The ECS agent sets {@code ECS_CONTAINER_METADATA_URI_V4} in every container of a task; {@code
 * GET ${ECS_CONTAINER_METADATA_URI_V4}/task} answers JSON whose {@code TaskARN} names the task. No
 * credentials are needed.
 */
public final class TaskMetadata {
  /** The variable the ECS agent sets in every container. */
  public static final String ENV = "ECS_CONTAINER_METADATA_URI_V4";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private TaskMetadata() {}

  /** The node name of the task this process runs in: the last segment of its task ARN. */
  public static String nodeName(Map<String, String> env) throws IOException {
    String arn = taskArn(env);
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  /**
   * The ARN of the task this process runs in, from the metadata endpoint named in {@code env}.
   *
   * @throws IOException when the variable is missing (not in an ECS task), or the endpoint cannot be
   *     reached or answers something without a task ARN
   */
  public static String taskArn(Map<String, String> env) throws IOException {
    return arnOf(taskUri(env), fetch(env));
  }

  /**
   * The whole {@code /task} answer of the metadata endpoint named in {@code env}, checked to carry
   * a task ARN.
   *
   * @throws IOException as {@link #taskArn}
   */
  static JsonNode task(Map<String, String> env) throws IOException {
    String body = fetch(env);
    arnOf(taskUri(env), body);
    return JSON.readTree(body);
  }

  private static URI taskUri(Map<String, String> env) throws IOException {
    String base = env.get(ENV);
    if (base == null || base.isBlank()) {
      throw new IOException("--node auto needs " + ENV + ", which the ECS agent sets in every"
          + " container of a task; it is not set, so this is not an ECS task (name the node instead)");
    }
    URI uri;
    try {
      uri = URI.create(base.endsWith("/") ? base + "task" : base + "/task");
    } catch (IllegalArgumentException e) {
      throw new IOException(ENV + " is not a URL: \"" + base + "\"", e);
    }
    return uri;
  }

  private static String fetch(Map<String, String> env) throws IOException {
    URI uri = taskUri(env);
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking the task metadata endpoint " + uri, e);
    } catch (IOException e) {
      throw new IOException("cannot reach the task metadata endpoint " + uri + ": " + e, e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("the task metadata endpoint " + uri + " answered HTTP " + response.statusCode());
    }
    return response.body();
  }

  private static String arnOf(URI uri, String body) throws IOException {
    JsonNode arn;
    try {
      arn = JSON.readTree(body).path("TaskARN");
    } catch (IOException e) {
      throw new IOException("the task metadata endpoint " + uri + " did not answer JSON", e);
    }
    if (!arn.isTextual() || !arn.asText().startsWith("arn:") || arn.asText().endsWith("/")) {
      throw new IOException("the task metadata endpoint " + uri + " answered no TaskARN");
    }
    return arn.asText();
  }
}
