package dev.bent.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Meshes;
import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeshFileReaderTest {

  @Test
  void seedReadmeMeshReadsWithServicesNodesAndNumericAnnotations() throws Exception {
    Diagnostics d = new Diagnostics();
    Path seed = Meshes.projectRoot().resolve("samples/readme-config.yaml");
    Mesh mesh = MeshFileReader.read(seed, "readme-config.yaml", d);
    assertFalse(d.hasErrors(), d.sorted().toString());
    assertEquals(List.of("beta.svc", "gamma.svc"), mesh.services().stream().map(s -> s.name()).toList());
    assertEquals(List.of("alpha", "beta", "gamma"), mesh.nodes().stream().map(n -> n.name()).toList());
    assertTrue(mesh.nodes().get(0).services().isEmpty(), "alpha has no services");
    assertEquals("", mesh.services().get(0).annotations().get(0).value(), "fault.inject: \"\"");
  }

  @Test
  void integerAnnotationValueIsKeptAsText() {
    Diagnostics d = new Diagnostics();
    Mesh mesh =
        MeshFileReader.parse(
            "m.yaml",
            "nodes:\n  a:\n  - name: a.svc\n    endpoints:\n    - {address: 10.0.0.1, port: 80, annotations: {endpoint.weight: 95}}\n",
            d);
    assertFalse(d.hasErrors());
    assertEquals("95", mesh.nodes().get(0).services().get(0).endpoints().get(0).annotations().get(0).value());
  }

  @Test
  void meshSectionOverridesPortsAndKeepsOtherDefaults() {
    Diagnostics d = new Diagnostics();
    Mesh mesh = MeshFileReader.parse("m.yaml", "mesh:\n  ports: {egress: 15001}\nnodes:\n  a:\n", d);
    assertFalse(d.hasErrors());
    assertEquals(15001, mesh.settings().ports().egress());
    assertEquals(4100, mesh.settings().ports().ingress());
    assertEquals("/dev/stdout", mesh.settings().accessLog().path());
  }

  @Test
  void syntaxErrorIsReportedWithLineAndColumn() {
    List<String> errors = Meshes.errors("nodes:\n  a:\n  - name: [unclosed\n");
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("mesh.yaml:3:"), errors.get(0));
    assertTrue(errors.get(0).contains("invalid YAML"), errors.get(0));
  }

  @Test
  void unknownKeyIsReportedWithSuggestion() {
    List<String> errors = Meshes.errors("nodes:\n  a:\n  - name: a.svc\n    endpoint:\n    - {address: 10.0.0.1, port: 80}\n");
    assertTrue(
        errors.contains(
            "mesh.yaml:4:5: error: unknown key \"endpoint\" in a service (did you mean \"endpoints\"?);"
                + " valid keys: annotations, endpoints, name"),
        errors.toString());
  }

  @Test
  void wrongTypesAreReportedAtTheirValue() {
    List<String> errors =
        Meshes.errors("nodes:\n  a:\n  - name: a.svc\n    endpoints:\n    - address: [1]\n      port: http\n");
    assertTrue(errors.contains("mesh.yaml:5:16: error: address must be a string, got a list"), errors.toString());
    assertTrue(
        errors.contains("mesh.yaml:6:13: error: port must be a port number, got a string (http)"),
        errors.toString());
  }

  @Test
  void portOutOfRangeIsAnError() {
    List<String> errors =
        Meshes.errors("nodes:\n  a:\n  - name: a.svc\n    endpoints:\n    - {address: 10.0.0.1, port: 0}\n    - {address: 10.0.0.2, port: 65536}\n");
    assertEquals(2, errors.size(), errors.toString());
    assertTrue(errors.get(0).endsWith("port must be in [1, 65535], got 0"), errors.get(0));
    assertTrue(errors.get(1).endsWith("port must be in [1, 65535], got 65536"), errors.get(1));
  }

  @Test
  void missingNameAndAddressAreReported() {
    List<String> errors =
        Meshes.errors("nodes:\n  a:\n  - endpoints:\n    - {port: 80}\n");
    assertTrue(errors.contains("mesh.yaml:3:5: error: a service needs \"name\""), errors.toString());
    assertTrue(errors.contains("mesh.yaml:4:7: error: an endpoint needs \"address\""), errors.toString());
  }

  @Test
  void duplicateNodeKeyIsAnError() {
    List<String> errors = Meshes.errors("nodes:\n  a:\n  b:\n  a:\n");
    assertEquals(List.of("mesh.yaml:4:3: error: duplicate key \"a\" (first written at mesh.yaml:2:3)"), errors);
  }

  @Test
  void emptyFileIsAnError() {
    assertEquals(
        List.of("mesh.yaml:1:1: error: the mesh file is empty; it needs at least \"nodes:\""),
        Meshes.errors("# nothing here\n"));
  }

  @Test
  void missingFileIsReportedByName(@org.junit.jupiter.api.io.TempDir Path dir) {
    Diagnostics d = new Diagnostics();
    MeshFileReader.read(dir.resolve("absent.yaml"), "absent.yaml", d);
    assertEquals("absent.yaml: error: mesh file not found", d.sorted().get(0).toString());
  }

  @Test
  void nonUtf8FileIsReported(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, new byte[] {'n', 'o', 'd', 'e', 's', ':', ' ', (byte) 0xE9, '\n'});
    Diagnostics d = new Diagnostics();
    MeshFileReader.read(file, "latin1.yaml", d);
    assertEquals(
        "latin1.yaml:1:8: error: the file is not UTF-8 text: byte 0xE9 at offset 7 does not belong"
            + " here; save the file as UTF-8",
        d.sorted().get(0).toString());
  }
}
