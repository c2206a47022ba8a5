package dev.bent.source.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.diag.Diagnostic;
import dev.bent.diag.Diagnostics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading bent's docker labels from one task definition. */
class DockerLabelsTest {
  private static final String ARN = FakeEcs.definitionArn("web", 4);

  private static ScannedDefinition definition(Map<String, Map<String, String>> labels) {
    return new ScannedDefinition(ARN, "awsvpc", Instant.EPOCH, labels);
  }

  private static DockerLabels.Reading read(Diagnostics diagnostics, boolean strict, String... labels) {
    return DockerLabels.read(
        definition(Labels.containers("sidecar", Map.of(), "app", Labels.of(labels))),
        new LabelProblems(diagnostics, strict));
  }

  /** The one diagnostic a bad label gives, checked to name the definition, container and label. */
  private static Diagnostic onlyProblem(Diagnostics diagnostics, String label) {
    List<Diagnostic> all = diagnostics.sorted();
    assertEquals(1, all.size(), all.toString());
    assertEquals(ARN + " container app label " + label, all.get(0).location().origin());
    return all.get(0);
  }

  @Test
  void theSeedExampleBindsAServiceWithDotsAndItsAnnotations() {
    Diagnostics diagnostics = new Diagnostics();
    DockerLabels.Reading reading = DockerLabels.read(definition(Labels.seedEcho()), new LabelProblems(diagnostics, false));
    assertTrue(diagnostics.sorted().isEmpty(), diagnostics.sorted().toString());
    DockerLabels.Binding binding = reading.bindings().get(0);
    assertEquals("echo.alpha", binding.service());
    assertEquals("echo", binding.container());
    assertEquals(3000, binding.port());
    assertEquals(List.of("enable-retry", "healthcheck.path", "num-retries"),
        reading.annotations().stream().map(a -> a.key().key()).toList());
    assertEquals("", reading.annotations().get(0).value());
  }

  @Test
  void otherLabelsAreNotBents() {
    Diagnostics diagnostics = new Diagnostics();
    DockerLabels.Reading reading = read(diagnostics, true,
        "com.example.team", "payments", "envoy.servicex", "nope", "envoy.service.beta.svc", "app:3000");
    assertEquals(1, reading.bindings().size());
    assertTrue(diagnostics.sorted().isEmpty());
  }

  @Test
  void aValueWithoutColonIsReportedAndSkipped() {
    Diagnostics diagnostics = new Diagnostics();
    DockerLabels.Reading reading = read(diagnostics, false, "envoy.service.beta.svc", "app3000");
    assertTrue(reading.bindings().isEmpty());
    Diagnostic problem = onlyProblem(diagnostics, "envoy.service.beta.svc");
    assertFalse(problem.isError());
    assertEquals("value \"app3000\" must be <container>:<port>, for example \"app:3000\"; the label is ignored",
        problem.message());
  }

  @Test
  void aPortThatIsNotANumberOrOutOfRangeIsReported() {
    Diagnostics notNumber = new Diagnostics();
    read(notNumber, false, "envoy.service.beta.svc", "app:http");
    assertEquals("port must be an integer, got \"http\"; the label is ignored",
        onlyProblem(notNumber, "envoy.service.beta.svc").message());
    Diagnostics outOfRange = new Diagnostics();
    read(outOfRange, false, "envoy.service.beta.svc", "app:70000");
    assertEquals("port must be at most 65535, got 70000; the label is ignored",
        onlyProblem(outOfRange, "envoy.service.beta.svc").message());
  }

  @Test
  void aPortIsReadInTheOneIntegerGrammarSoLeadingZerosAndOtherNotationsAreReported() {
    for (String port : List.of("010", "0x50", "8_080", "+80", "80.0", "")) {
      Diagnostics diagnostics = new Diagnostics();
      DockerLabels.Reading reading = read(diagnostics, false, "envoy.service.beta.svc", "app:" + port);
      assertTrue(reading.bindings().isEmpty(), port + " must not bind a port: " + reading.bindings());
      Diagnostic problem = onlyProblem(diagnostics, "envoy.service.beta.svc");
      assertTrue(problem.message().startsWith("port must be an integer"), port + ": " + problem.message());
    }
    Diagnostics zeros = new Diagnostics();
    read(zeros, false, "envoy.service.beta.svc", "app:010");
    assertTrue(onlyProblem(zeros, "envoy.service.beta.svc").message()
        .contains("without leading zeros, got \"010\""), zeros.sorted().toString());
  }

  @Test
  void anUnknownContainerIsReportedWithTheChoices() {
    Diagnostics diagnostics = new Diagnostics();
    read(diagnostics, false, "envoy.service.beta.svc", "ap:3000");
    assertTrue(onlyProblem(diagnostics, "envoy.service.beta.svc").message().startsWith(
        "container \"ap\" is not in the task definition (did you mean \"app\"?); containers: sidecar, app"));
  }

  @Test
  void anUnknownAnnotationGetsADidYouMean() {
    Diagnostics diagnostics = new Diagnostics();
    DockerLabels.Reading reading = read(diagnostics, false,
        "envoy.service.beta.svc", "app:3000", "envoy.service.beta.svc.annotations.healthcheck.pth", "/h");
    assertTrue(reading.annotations().isEmpty());
    assertTrue(onlyProblem(diagnostics, "envoy.service.beta.svc.annotations.healthcheck.pth").message()
        .startsWith("unknown annotation \"healthcheck.pth\" (did you mean \"healthcheck.path\"?)"));
  }

  @Test
  void aBadAnnotationValueIsReported() {
    Diagnostics diagnostics = new Diagnostics();
    read(diagnostics, false, "envoy.service.beta.svc", "app:3000",
        "envoy.service.beta.svc.annotations.endpoint.weight", "0");
    assertTrue(onlyProblem(diagnostics, "envoy.service.beta.svc.annotations.endpoint.weight").message()
        .startsWith("endpoint.weight "));
  }

  @Test
  void aServiceNameThatIsNotAHostNameIsReported() {
    Diagnostics diagnostics = new Diagnostics();
    read(diagnostics, false, "envoy.service.Beta_Svc", "app:3000");
    assertTrue(onlyProblem(diagnostics, "envoy.service.Beta_Svc").message()
        .startsWith("service name \"Beta_Svc\" is not a lowercase DNS name"));
  }

  @Test
  void anAnnotationOfAServiceTheDefinitionDoesNotServeIsReported() {
    Diagnostics diagnostics = new Diagnostics();
    read(diagnostics, false, "envoy.service.beta.svc", "app:3000",
        "envoy.service.beta.sv.annotations.healthcheck.path", "/h");
    assertTrue(onlyProblem(diagnostics, "envoy.service.beta.sv.annotations.healthcheck.path").message()
        .startsWith("the task definition has no label envoy.service.beta.sv, so no container serves"
            + " \"beta.sv\" (did you mean \"beta.svc\"?)"));
  }

  @Test
  void twoContainersDisagreeingOnAnAnnotationKeepTheFirst() {
    Diagnostics diagnostics = new Diagnostics();
    DockerLabels.Reading reading = DockerLabels.read(definition(Labels.containers(
        "app", Labels.of("envoy.service.beta.svc", "app:3000", "envoy.service.beta.svc.annotations.num-retries", "2"),
        "worker", Labels.of("envoy.service.beta.svc.annotations.num-retries", "5"))),
        new LabelProblems(diagnostics, false));
    assertEquals("2", reading.annotations().get(0).value());
    Diagnostic problem = diagnostics.sorted().get(0);
    assertEquals(ARN + " container worker label envoy.service.beta.svc.annotations.num-retries",
        problem.location().origin());
  }

  @Test
  void strictMakesABadLabelAnError() {
    Diagnostics diagnostics = new Diagnostics();
    read(diagnostics, true, "envoy.service.beta.svc", "app:0");
    Diagnostic problem = onlyProblem(diagnostics, "envoy.service.beta.svc");
    assertTrue(problem.isError());
    assertEquals("port must be at least 1, got 0", problem.message());
  }
}
