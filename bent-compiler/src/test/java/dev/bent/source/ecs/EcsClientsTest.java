package dev.bent.source.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.diag.Diagnostics;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecs.EcsClientBuilder;

/** The production ECS client: retries from the SDK's standard settings, and a time limit per call. */
class EcsClientsTest {
  private FakeEcs ecs;

  @BeforeEach
  void start() throws IOException {
    ecs = new FakeEcs();
    ecs.addTask("prod", "t1", ecs.addDefinition("echo", 1, "awsvpc", Labels.seedEcho()));
  }

  @AfterEach
  void stop() {
    ecs.close();
    System.clearProperty("aws.retryMode");
    System.clearProperty("aws.maxAttempts");
  }

  private static EcsClientBuilder withTestCredentials(EcsClientBuilder builder) {
    return builder.credentialsProvider(
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")));
  }

  @Test
  void theNumberOfAttemptsComesFromTheStandardSettings() throws IOException {
    System.setProperty("aws.retryMode", "standard");
    System.setProperty("aws.maxAttempts", "2");
    ecs.fail("ListTasks", 500, "ServerException");
    ecs.fail("ListTasks", 500, "ServerException");
    EcsOptions options = ecs.options("prod");
    try (EcsSource source = EcsSource.using(withTestCredentials(EcsClients.builder(options)).build(), options)) {
      IOException e = assertThrows(IOException.class, () -> source.read(Set.of(), new Diagnostics()));
      assertTrue(e.getMessage().startsWith("ECS scan failed: ListTasks (cluster prod) failed"), e.getMessage());
      assertEquals(2, ecs.calls("ListTasks"));
    }
    System.setProperty("aws.maxAttempts", "4");
    ecs.resetCalls();
    for (int i = 0; i < 3; i++) {
      ecs.fail("ListTasks", 500, "ServerException");
    }
    try (EcsSource source = EcsSource.using(withTestCredentials(EcsClients.builder(options)).build(), options)) {
      assertEquals(1, source.read(Set.of(), new Diagnostics()).nodes().size());
      assertEquals(4, ecs.calls("ListTasks"));
    }
  }

  @Test
  void aCallThatDoesNotAnswerEndsAtTheTimeLimit() throws IOException {
    System.setProperty("aws.maxAttempts", "1");
    ecs.stall("ListTasks", Duration.ofSeconds(3));
    EcsOptions options = ecs.options("prod");
    EcsClientBuilder builder = EcsClients.builder(options, Duration.ofMillis(300), Duration.ofMillis(200));
    try (EcsSource source = EcsSource.using(withTestCredentials(builder).build(), options)) {
      long start = System.nanoTime();
      IOException e = assertThrows(IOException.class, () -> source.read(Set.of(), new Diagnostics()));
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(e.getMessage().startsWith("ECS scan failed: ListTasks (cluster prod) failed"), e.getMessage());
      assertTrue(millis < 2500, "the call ended after " + millis + " ms, not when the server answered");
    }
  }

  @Test
  void productionLimitsAreSet() {
    var config = EcsClients.builder(ecs.options()).overrideConfiguration();
    assertEquals(EcsClients.CALL_TIMEOUT, config.apiCallTimeout().orElseThrow());
    assertEquals(EcsClients.ATTEMPT_TIMEOUT, config.apiCallAttemptTimeout().orElseThrow());
  }
}
