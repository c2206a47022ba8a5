package dev.bent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bent.resolve.AnnotationKey;
import dev.bent.resolve.AnnotationReference;
import dev.bent.source.MeshSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExplainAndSchemaTest {
  static final Path ROOT = Meshes.projectRoot();

  @Test
  void explainShowsRoutesEndpointsWeightsAndWhereValuesCameFrom() {
    String text = Compiler.explain(ROOT.resolve("samples/compose-config.yaml"), "beta");
    assertTrue(text.startsWith("node beta\n"), text);
    assertTrue(text.contains("    beta.svc -> beta.svc\n      10.123.0.21:4100 weight 95\n      10.123.0.22:4100 weight 5\n"), text);
    assertTrue(text.contains("    beta.svc -> local_beta.svc\n      10.123.0.21:3000 weight 95\n"), text);
    assertTrue(text.contains("fault: abort with 583 for 5%"), text);
    assertTrue(text.contains("fault.abort.code = 583  (samples/compose-config.yaml:17:11)")
        || text.contains("compose-config.yaml:17:11"), text);
    assertTrue(text.contains("healthcheck.path = /healthz  (default)"), text);
  }

  @Test
  void explainNamesMeshSettings() {
    String text = Compiler.explain(ROOT.resolve("samples/custom-ports.yaml"), "web-1");
    assertTrue(text.contains("listener egress 0.0.0.0:15001  (mesh setting)"), text);
    assertTrue(text.contains("health-checked on port 9000"), text);
  }

  @Test
  void schemaListsEveryAnnotationAndTopLevelKey() throws Exception {
    JsonNode schema = new ObjectMapper().readTree(MeshSchema.json());
    JsonNode annotations = schema.at("/definitions/annotations/properties");
    for (AnnotationKey key : AnnotationKey.values()) {
      assertTrue(annotations.has(key.key()), key.key());
    }
    assertEquals(AnnotationKey.values().length, annotations.size());
    assertTrue(schema.at("/properties/mesh/properties/gateways").isObject());
    assertEquals("nodes", schema.at("/required/0").asText());
  }

  @Test
  void readmeAnnotationTableIsTheOneTheCodeMakes() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    assertTrue(readme.contains(AnnotationReference.markdown()),
        "README.md must contain the table printed by AnnotationReference.markdown()");
  }
}
