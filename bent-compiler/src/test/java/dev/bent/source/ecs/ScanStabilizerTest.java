package dev.bent.source.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.diag.Diagnostic;
import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.model.NodeEntry;
import dev.bent.source.MeshFileWriter;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The safety valve between consecutive scans, through the ECS source against a local ECS endpoint. */
class ScanStabilizerTest {
  private FakeEcs ecs;
  private String echo;
  private String beta;
  private EcsSource source;

  @BeforeEach
  void start() throws IOException {
    ecs = new FakeEcs();
    echo = ecs.addDefinition("echo", 1, "awsvpc", Labels.seedEcho());
    beta = ecs.addDefinition("beta", 3, "awsvpc", Labels.containers(
        "app", Labels.of("envoy.service.beta.svc", "app:3000")));
    for (String id : List.of("e1", "e2", "e3", "e4")) {
      ecs.addTask("prod", id, echo);
    }
    ecs.addTask("prod", "b1", beta);
    ecs.addTask("prod", "b2", beta);
    source = EcsSource.using(ecs.client(ecs.options()), ecs.options());
  }

  @AfterEach
  void stop() {
    source.close();
    ecs.close();
  }

  private List<String> scan() throws IOException {
    return scan(Set.of(), new Diagnostics());
  }

  private List<String> scan(Set<String> wanted, Diagnostics diagnostics) throws IOException {
    return source.read(wanted, diagnostics).nodes().stream().map(NodeEntry::name).toList();
  }

  @Test
  void tasksWithAStopRecordLeaveAtOnceHoweverMany() throws IOException {
    scan();
    for (String id : List.of("e1", "e2", "e3", "e4")) {
      ecs.stopTask("prod", id);
    }
    assertEquals(List.of("b1", "b2"), scan());
    assertEquals(0, source.stabilizer().heldScans());
  }

  @Test
  void mostOfAServiceVanishingIsHeldUntilThreeScansAgree() throws IOException {
    scan();
    Mesh before = source.read(Set.of(), new Diagnostics());
    ecs.removeTask("prod", "e1");
    ecs.removeTask("prod", "e2");
    ecs.removeTask("prod", "e3");
    Diagnostics first = new Diagnostics();
    Mesh held = source.read(Set.of(), first);
    assertEquals(MeshFileWriter.write(before), MeshFileWriter.write(held), "a held scan changes nothing");
    Diagnostic warning = first.warnings().get(first.warnings().size() - 1);
    assertTrue(warning.message().startsWith("3 tasks vanished from the scan without a stop record, more than 50%"
        + " of the nodes of \"echo.alpha\" (3 of 4); kept until 3 consecutive scans agree (this is scan 1): e1, e2, e3"),
        warning.message());
    assertEquals(List.of("b1", "b2", "e1", "e2", "e3", "e4"), scan());
    Diagnostics third = new Diagnostics();
    assertEquals(List.of("b1", "b2", "e4"), scan(Set.of(), third));
    assertTrue(third.warnings().stream().anyMatch(
        w -> w.message().equals("3 consecutive scans agree that 3 tasks are gone; removed: e1, e2, e3")),
        third.warnings().toString());
    assertEquals(2, source.stabilizer().heldScans());
    assertEquals(0, source.stabilizer().heldNodes());
  }

  @Test
  void aFewTasksVanishingLeaveAtOnce() throws IOException {
    scan();
    ecs.removeTask("prod", "e1");
    ecs.removeTask("prod", "e2");
    ecs.removeTask("prod", "b1");
    assertEquals(List.of("b2", "e3", "e4"), scan(), "half of a service is not more than half");
  }

  @Test
  void aTaskThatComesBackStartsItsCountOver() throws IOException {
    scan();
    ecs.removeTask("prod", "b1");
    ecs.removeTask("prod", "b2");
    scan();
    scan();
    ecs.addTask("prod", "b1", beta);
    ecs.addTask("prod", "b2", beta);
    assertEquals(6, scan().size());
    ecs.removeTask("prod", "b1");
    ecs.removeTask("prod", "b2");
    assertEquals(6, scan().size());
    assertEquals(6, scan().size());
    assertEquals(List.of("e1", "e2", "e3", "e4"), scan());
  }

  @Test
  void scaleToZeroIsAValidMeshOnceScansAgree() throws IOException {
    scan();
    for (String id : List.of("e1", "e2", "e3", "e4", "b1", "b2")) {
      ecs.removeTask("prod", id);
    }
    assertEquals(6, scan().size());
    assertEquals(6, scan().size());
    Diagnostics diagnostics = new Diagnostics();
    assertEquals(List.of(), scan(Set.of(), diagnostics));
    assertTrue(!diagnostics.hasErrors(), diagnostics.sorted().toString());
  }

  @Test
  void aSidecarWhoseScanSeesOnlyItsOwnTaskKeepsTheOthers() throws IOException {
    scan(Set.of("e1"), new Diagnostics());
    for (String id : List.of("e2", "e3", "e4", "b1", "b2")) {
      ecs.describeAsMissing(FakeEcs.taskArn("prod", id));
    }
    assertEquals(List.of("b1", "b2", "e1", "e2", "e3", "e4"), scan(Set.of("e1"), new Diagnostics()));
    assertEquals(5, source.stabilizer().heldNodes());
  }

  @Test
  void theValveCanBeTurnedOff() throws IOException {
    try (EcsSource off = EcsSource.using(ecs.client(ecs.options()), ecs.options(),
        new ScanStabilizer.Settings(1.0, 3))) {
      off.read(Set.of(), new Diagnostics());
      ecs.removeTask("prod", "b1");
      ecs.removeTask("prod", "b2");
      assertEquals(4, off.read(Set.of(), new Diagnostics()).nodes().size());
    }
  }

  @Test
  void aStopRecordIsLookedUpOnlyForTasksNoLongerListed() throws IOException {
    scan();
    ecs.resetCalls();
    scan();
    assertEquals(1, ecs.calls("DescribeTasks"), "steady state: one DescribeTasks per 100 listed tasks");
    ecs.stopTask("prod", "b1");
    ecs.resetCalls();
    scan();
    assertEquals(2, ecs.calls("DescribeTasks"), "one more for the task no longer listed");
  }
}
