package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Meshes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mesh.localClusters: bootstrap}: every node's CDS file is one file on disk, and a change
 * of one node's endpoint writes that file once plus the node's own bootstrap.
 */
class StaticLocalClustersTest {
  private static final Path SAMPLE = Meshes.projectRoot().resolve("samples/static-local-clusters.yaml");
  private static final Set<String> NODES = Set.of("frontend", "orders-1", "orders-2", "payments-1");

  @TempDir Path dir;

  private Set<Object> cdsInodes(Path out) throws Exception {
    Set<Object> inodes = new TreeSet<>();
    for (String node : NODES) {
      inodes.add(Files.readAttributes(out.resolve(node).resolve("cds.yaml"), "unix:ino").get("ino").toString());
    }
    return inodes;
  }

  @Test
  void everyNodesClusterFileIsOneFileAndAnEndpointChangeWritesItOnce() throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    Files.copy(SAMPLE, mesh);
    Path out = dir.resolve("out");
    CliRun first = CliRun.of("compile", "-c", mesh.toString(), "-o", out.toString());
    assertEquals(ExitCode.OK, first.exitCode(), first.toString());
    assertEquals(1, cdsInodes(out).size(), "one cds.yaml hard-linked into every node");
    String before = Files.readString(out.resolve("orders-2/bootstrap.yaml"));
    assertTrue(before.contains("address: 10.2.0.12"), before);
    Object untouched = Files.readAttributes(out.resolve("orders-1/bootstrap.yaml"), "unix:ino").get("ino");

    Files.writeString(mesh, Files.readString(mesh).replace("10.2.0.12", "10.2.0.13"));
    CliRun second = CliRun.of("compile", "-c", mesh.toString(), "-o", out.toString());

    assertEquals(ExitCode.OK, second.exitCode(), second.toString());
    assertEquals(1, cdsInodes(out).size());
    assertTrue(Files.readString(out.resolve("frontend/cds.yaml")).contains("address: 10.2.0.13"));
    assertTrue(Files.readString(out.resolve("orders-2/bootstrap.yaml")).contains("address: 10.2.0.13"));
    assertEquals(untouched, Files.readAttributes(out.resolve("orders-1/bootstrap.yaml"), "unix:ino").get("ino"),
        "another node's bootstrap is not rewritten");
  }

  @Test
  void explainSaysTheLocalClustersAreStatic() {
    CliRun explain = CliRun.of("explain", "-c", SAMPLE.toString(), "--node", "orders-1");
    assertEquals(ExitCode.OK, explain.exitCode(), explain.toString());
    assertTrue(explain.out().contains(
        "local clusters static in bootstrap.yaml (mesh.localClusters): a change to them needs an Envoy restart"),
        explain.out());
  }
}
