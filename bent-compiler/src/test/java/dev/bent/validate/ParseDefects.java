package dev.bent.validate;

import dev.bent.validate.EnvoyExamplesTest.Defect;
import java.util.List;

/** One-defect variants of the Envoy examples that the strict parser refuses. */
final class ParseDefects {
  private ParseDefects() {}

  static List<Defect> all() {
    String cds = "dynamic-fs/cds.json";
    return List.of(
        new Defect("unknown field (typo) in YAML", "front-proxy.yaml", "front-proxy.yaml", "codec_type: AUTO",
            "codec_typ: AUTO", List.of("typed_config.codec_typ: unknown field \"codec_typ\"")),
        new Defect("unknown field (typo) in a JSON xDS file", "dynamic-fs", cds, "\"connect_timeout\": \"1s\",\n"
            + "      \"load_assignment\": {\n        \"cluster_name\": \"api\"", "\"connect_timout\": \"1s\",\n"
            + "      \"load_assignment\": {\n        \"cluster_name\": \"api\"",
            List.of("dynamic-fs/cds.json: error: resources[1].connect_timout: unknown field \"connect_timout\"")),
        new Defect("unknown @type", "ext-authz.yaml", "ext-authz.yaml", "filters.http.ext_authz.v3.ExtAuthz",
            "filters.http.ext_authz.v3.ExtAuth", List.of("unknown \"@type\"")),
        new Defect("malformed duration", "dynamic-fs/cds.json", cds, "\"connect_timeout\": \"1s\",\n"
            + "      \"load_assignment\": {\n        \"cluster_name\": \"web\"", "\"connect_timeout\": \"1 second\",\n"
            + "      \"load_assignment\": {\n        \"cluster_name\": \"web\"", 
            List.of("dynamic-fs/cds.json: error: resources[0].connect_timeout: Failed to parse duration: \"1 second\"")),
        new Defect("empty xDS file", "dynamic-fs", "dynamic-fs/rds/edge_routes.yaml",
            readRds(), "", List.of("dynamic-fs/rds/edge_routes.yaml: error: the document is empty")),
        new Defect("YAML syntax error", "jwt-authn.yaml", "jwt-authn.yaml", "audiences: [orders-api]",
            "audiences: [orders-api", List.of("jwt-authn.yaml: error: line ")));
  }

  private static String readRds() {
    try {
      return java.nio.file.Files.readString(EnvoyExamplesTest.examples().resolve("dynamic-fs/rds/edge_routes.yaml"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
