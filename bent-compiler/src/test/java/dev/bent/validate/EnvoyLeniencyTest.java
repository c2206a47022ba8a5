package dev.bent.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What Envoy accepts and strict protobuf JSON refuses is a warning only when parsing as Envoy. */
class EnvoyLeniencyTest {
  static final String CDS = """
      resources:
      - "@type": type.googleapis.com/envoy.config.cluster.v3.Cluster
        name: web
        type: strict_dns
        connect_timeout: 1s
        load_assignment:
          cluster_name: web
          endpoints:
            lb_endpoints:
            - endpoint: {address: {socket_address: {address: web, port_value: 80}}}
      """;

  @Test
  void strictParsingRefusesTheLenientForms() {
    assertThrows(ParseException.class,
        () -> StrictParser.create().parseDiscoveryResources(CDS, StrictParser.Format.YAML));
  }

  @Test
  void parsingAsEnvoyAcceptsThemWithAWarningEach() throws Exception {
    StrictParser.Parsed<List<Message>> parsed =
        StrictParser.create().parseDiscoveryResourcesAsEnvoy(CDS, StrictParser.Format.YAML);
    Cluster cluster = (Cluster) parsed.value().get(0);
    assertEquals(Cluster.DiscoveryType.STRICT_DNS, cluster.getType());
    assertEquals(1, cluster.getLoadAssignment().getEndpointsCount());
    assertEquals(List.of(
        "resources[0].type: enum value \"strict_dns\" is accepted by Envoy in any letter case, but write STRICT_DNS",
        "resources[0].load_assignment.endpoints: a single object where a list is expected; Envoy accepts it, but"
            + " write a list"),
        parsed.warnings().stream().map(ParseProblem::describe).toList());
  }

  @Test
  void misspeltEnumNameIsStillAnError() {
    ParseException e = assertThrows(ParseException.class, () -> StrictParser.create()
        .parseDiscoveryResourcesAsEnvoy(CDS.replace("strict_dns", "strict_dnz"), StrictParser.Format.YAML));
    assertEquals(1, e.problems().size(), e::getMessage);
  }
}
