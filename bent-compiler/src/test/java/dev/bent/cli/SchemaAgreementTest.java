package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.bent.Compiler;
import dev.bent.Meshes;
import dev.bent.diag.Diagnostic;
import dev.bent.diag.Diagnostics;
import dev.bent.diag.InvalidInputException;
import dev.bent.model.Mesh;
import dev.bent.resolve.Credentials;
import dev.bent.source.MeshFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The schema printed by {@code bent schema}, the mesh reader and the README agree: every sample and
 * every mesh example of the README passes the schema (checked by a JSON Schema validator library)
 * and compiles, and meshes the compiler refuses for their shape fail the schema too.
 */
class SchemaAgreementTest {
  static final Path ROOT = Meshes.projectRoot();
  static final YAMLMapper YAML = new YAMLMapper();
  static JsonSchema schema;

  @BeforeAll
  static void loadSchemaFromTheCommand() throws IOException {
    assertEquals(0, CliRun.of("schema").exitCode());
    schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaJson());
  }

  static Stream<Path> samples() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("samples"))) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertTrue(yaml.size() >= 6, "samples/ lost its meshes: " + yaml);
      return yaml.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everySamplePassesTheSchemaAndCompiles(Path sample) throws IOException {
    assertEquals(Set.of(), problems(Files.readString(sample)), sample.toString());
    Compiler.Compilation compiled = Compiler.compileFile(sample, List.of(), n -> "/etc/envoy/" + n);
    assertFalse(compiled.nodes().isEmpty(), sample.toString());
  }

  /** The YAML blocks of the README that are mesh files: all but the ECS label example. */
  static Stream<String> readmeMeshes() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher block = Pattern.compile("(?ms)^```yaml\\n(.*?)^```").matcher(readme);
    List<String> meshes = new ArrayList<>();
    while (block.find()) {
      // The ECS overlay is not a mesh file; EcsSplitLabelTest compiles it against a scan.
      if (!block.group(1).startsWith("dockerLabels:") && !block.group(1).startsWith("# overlay")) {
        meshes.add(block.group(1));
      }
    }
    assertTrue(meshes.size() >= 2, "the README's mesh examples were not found: " + meshes);
    return meshes.stream();
  }

  @ParameterizedTest
  @MethodSource("readmeMeshes")
  void everyReadmeMeshExamplePassesTheSchemaAndCompiles(String yaml, @TempDir Path dir) throws IOException {
    assertEquals(Set.of(), problems(yaml), yaml);
    // The README's gateway names an htpasswd file and a password variable; provide both.
    Files.writeString(dir.resolve("users.htpasswd"), "alice:{SHA}fEqNCco3Yq9h5ZUglD3CZJT4lBs=\n");
    Map<String, String> env = Map.of("JIMMY_PASSWORD", "1234");
    // The README's mutual TLS example is the mtls sample, with its certificates.
    Files.createDirectories(dir.resolve("mtls-certs"));
    try (Stream<Path> certs = Files.list(ROOT.resolve("samples/mtls-certs"))) {
      for (Path cert : certs.toList()) {
        Files.copy(cert, dir.resolve("mtls-certs").resolve(cert.getFileName()));
      }
    }
    Diagnostics diagnostics = new Diagnostics();
    Mesh mesh = MeshFileReader.parse("README.md", yaml, diagnostics);
    Compiler.Compilation compiled = Compiler.compile(
        mesh, diagnostics, List.of(), n -> "/etc/envoy/" + n, new Credentials(dir, env::get));
    assertFalse(compiled.nodes().isEmpty(), yaml);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    // a service whose annotations key is present but empty
    "nodes:\n  a:\n  - name: a.svc\n    annotations:\n    endpoints: [{address: 10.0.0.1, port: 80}]\n",
    // flag annotations written as YAML booleans, and a flag with no value
    "nodes:\n  a:\n  - name: a.svc\n    annotations: {enable-retry: true, fault.inject: }\n"
        + "    endpoints: [{address: 10.0.0.1, port: 80}]\n",
    // a gateway with users only, and otel tracing
    "mesh:\n  tracing: {otel: {address: collector, port: 4317}}\n"
        + "  gateways: [{node: gw, port: 8080, basicAuth: {users: [{name: jimmy, passwordEnv: HOME}]}}]\n"
        + "nodes:\n  gw:\n",
  })
  void meshesTheCompilerAcceptsPassTheSchema(String yaml) {
    assertEquals(Set.of(), problems(yaml), yaml);
    assertFalse(Meshes.compile(yaml).nodes().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {
    // otel has no path; only zipkin does
    "mesh:\n  tracing: {otel: {address: collector, port: 4317, path: /v1/traces}}\nnodes:\n  a:\n",
    // tracing needs exactly one provider
    "mesh:\n  tracing: {sampling: 50}\nnodes:\n  a:\n",
    "mesh:\n  tracing: {zipkin: {address: z}, otel: {address: o}}\nnodes:\n  a:\n",
    // a collector needs an address
    "mesh:\n  tracing: {zipkin: {port: 9411}}\nnodes:\n  a:\n",
    // a gateway needs its node and basic auth, and basic auth needs htpasswd or users
    "mesh:\n  gateways: [{node: a}]\nnodes:\n  a:\n",
    "mesh:\n  gateways: [{basicAuth: {users: [{name: j, passwordEnv: HOME}]}}]\nnodes:\n  a:\n",
    "mesh:\n  gateways: [{node: a, port: 8080, basicAuth: {}}]\nnodes:\n  a:\n",
    // an endpoint needs address and port; a port is 1 to 65535
    "nodes:\n  a:\n  - name: a.svc\n    endpoints: [{address: 10.0.0.1}]\n",
    "nodes:\n  a:\n  - name: a.svc\n    endpoints: [{address: 10.0.0.1, port: 0}]\n",
    // unknown keys and annotations
    "nodes:\n  a:\n  - name: a.svc\n    weight: 3\n    endpoints: [{address: 10.0.0.1, port: 80}]\n",
    "nodes:\n  a:\n  - name: a.svc\n    annotations: {healthcheck.pth: /h}\n    endpoints: [{address: 10.0.0.1, port: 80}]\n",
    // nodes is required
    "services: []\n",
    // a route needs one of to and split; a split weight is at least 1; unknown route and match keys
    "services:\n- name: r.svc\n  routes: [{match: {prefix: /}}]\nnodes:\n  a:\n",
    "services:\n- name: r.svc\n  routes: [{match: {prefix: /}, split: [{service: a.svc, weight: 0}]}]\n"
        + "nodes:\n  a:\n  - name: a.svc\n    endpoints: [{address: 10.0.0.1, port: 80}]\n",
    "services:\n- name: r.svc\n  routes: [{match: {prefix: /, header: {}}, to: a.svc}]\n"
        + "nodes:\n  a:\n  - name: a.svc\n    endpoints: [{address: 10.0.0.1, port: 80}]\n",
    "services:\n- name: r.svc\n  routes: [{match: {query: {q: {absent: true}}}, to: a.svc}]\n"
        + "nodes:\n  a:\n  - name: a.svc\n    endpoints: [{address: 10.0.0.1, port: 80}]\n",
    "services:\n- name: r.svc\n  routes: []\nnodes:\n  a:\n",
  })
  void meshesTheCompilerRefusesForTheirShapeFailTheSchema(String yaml) {
    assertFalse(problems(yaml).isEmpty(), "the schema accepts what bent refuses:\n" + yaml);
    assertThrows(InvalidInputException.class, () -> Meshes.compile(yaml), yaml);
  }

  @Test
  void schemaDescribesRoutesWithTheKeysTheReaderAccepts() {
    JsonNode schema = schemaJson();
    assertEquals("#/definitions/route", schema.at("/definitions/service/properties/routes/items/$ref").asText());
    JsonNode route = schema.at("/definitions/route/properties");
    Set<String> keys = new TreeSet<>();
    route.fieldNames().forEachRemaining(keys::add);
    assertEquals(new TreeSet<>(Set.of("match", "to", "split", "mirror", "rewrite", "timeout", "enable-retry",
        "num-retries", "retry-on", "per-try-timeout")), keys);
    JsonNode header = schema.at("/definitions/headerMatches/additionalProperties/anyOf/1/properties");
    assertTrue(header.has("absent") && header.has("regex"));
    assertFalse(schema.at("/definitions/queryMatches/additionalProperties/anyOf/1/properties").has("absent"));
  }

  @Test
  void schemaListsExactlyTheAnnotationsTheReaderAccepts() {
    JsonNode annotations = schemaJson().at("/definitions/annotations/properties");
    Set<String> listed = new TreeSet<>();
    annotations.fieldNames().forEachRemaining(listed::add);
    assertEquals(new TreeSet<>(Set.of(
        "circuit-breaker.max-connections", "circuit-breaker.max-pending", "circuit-breaker.max-requests",
        "circuit-breaker.max-retries", "enable-retry", "endpoint.weight", "fault.abort.code",
        "fault.abort.percent", "fault.delay.duration", "fault.delay.percent", "fault.inject",
        "healthcheck.cache", "healthcheck.expected-status", "healthcheck.interval", "healthcheck.path",
        "healthcheck.port", "healthcheck.timeout", "num-retries", "outlier.base-ejection-time",
        "outlier.consecutive-5xx", "outlier.interval", "outlier.max-ejection-percent", "per-try-timeout",
        "retry-on", "split-of", "timeout")), listed);
    for (String key : listed) {
      String yaml = "nodes:\n  a:\n  - name: a.svc\n    annotations: {\"" + key + "\": \"x\"}\n"
          + "    endpoints: [{address: 10.0.0.1, port: 80}]\n";
      List<String> errors = errorsOf(yaml);
      assertTrue(errors.stream().noneMatch(e -> e.contains("unknown annotation")),
          "the schema lists " + key + " but the reader does not know it: " + errors);
    }
  }

  private static List<String> errorsOf(String yaml) {
    try {
      Meshes.compile(yaml);
      return List.of();
    } catch (InvalidInputException e) {
      return e.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::toString).toList();
    }
  }

  private static Set<String> problems(String yaml) {
    try {
      Set<String> out = new TreeSet<>();
      for (ValidationMessage m : schema.validate(YAML.readTree(yaml))) {
        out.add(m.getMessage());
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode schemaJson() {
    try {
      return new ObjectMapper().readTree(CliRun.of("schema").out());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
