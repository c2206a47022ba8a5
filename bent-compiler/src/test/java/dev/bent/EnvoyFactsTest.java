package dev.bent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import dev.bent.emit.NodeFiles;
import dev.bent.validate.NodeConfig;
import dev.bent.validate.NodeConfigChecker;
import dev.bent.validate.ProtoRuleChecker;
import dev.bent.validate.RuleViolation;
import dev.bent.validate.StrictParser;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads bent's output back the way Envoy does (the bytes of every file, strictly) and checks the
 * facts of ENVOY-FACTS.md on it: every sample, every node.
 */
class EnvoyFactsTest {
  static final StrictParser PARSER = StrictParser.create();
  static final ProtoRuleChecker RULES = ProtoRuleChecker.create();

  @TestFactory
  List<DynamicTest> everyNodeOfEverySampleMeetsTheFacts() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path sample : GoldenTest.samples()) {
      Compiler.Compilation c = Compiler.compileFile(sample, List.of(), n -> "/etc/envoy/" + n);
      for (NodeFiles node : c.nodes().values()) {
        tests.add(DynamicTest.dynamicTest(sample.getFileName() + " " + node.node(), () -> check(node)));
      }
    }
    return tests;
  }

  private static void check(NodeFiles node) throws Exception {
    String dir = "/etc/envoy/" + node.node();
    Map<String, String> text = new LinkedHashMap<>();
    node.files().forEach((path, bytes) -> text.put(path, new String(bytes, StandardCharsets.UTF_8)));
    // File format: YAML by extension, never empty, "@type" quoted, one DiscoveryResponse each.
    text.forEach((path, content) -> {
      assertTrue(path.endsWith(".yaml"), path);
      assertFalse(content.isBlank(), path + " is empty");
      assertFalse(content.contains("\n- @type") || content.contains(" @type:"), path + ": @type must be quoted");
    });
    Bootstrap bootstrap = PARSER.parse(text.get("bootstrap.yaml"), StrictParser.Format.YAML, Bootstrap.getDefaultInstance());
    assertNoViolations("bootstrap.yaml", bootstrap);
    Map<String, List<Message>> files = new LinkedHashMap<>();
    for (Map.Entry<String, String> file : text.entrySet()) {
      if (file.getKey().equals("bootstrap.yaml")) {
        continue;
      }
      List<Message> resources = PARSER.parseDiscoveryResources(file.getValue(), StrictParser.Format.YAML);
      for (Message resource : resources) {
        assertNoViolations(file.getKey(), resource);
        Class<?> expected = file.getKey().equals("lds.yaml") ? Listener.class
            : file.getKey().equals("cds.yaml") ? Cluster.class
            : file.getKey().startsWith("sds/") ? io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret.class
            : RouteConfiguration.class;
        assertEquals(expected, resource.getClass(), file.getKey());
      }
      files.put(dir + "/" + file.getKey(), resources);
    }
    // Cross-file facts: referenced files exist, one named RDS resource per file, unique names,
    // ports and domains, routes to existing clusters, router last, IP endpoints in STATIC clusters.
    assertEquals(List.of(), NodeConfigChecker.check(new NodeConfig(dir + "/bootstrap.yaml", bootstrap, files)));
    // Bootstrap facts: identity, admin on loopback, Prometheus only at /stats/prometheus.
    assertEquals(node.node(), bootstrap.getNode().getId());
    assertEquals("127.0.0.1", bootstrap.getAdmin().getAddress().getSocketAddress().getAddress());
    String boot = text.get("bootstrap.yaml");
    assertTrue(boot.contains("path: /stats/prometheus"), boot);
    assertFalse(boot.contains("prefix: /\n"), "never route / to admin");
    assertEquals(dir, bootstrap.getDynamicResources().getLdsConfig().getPathConfigSource().getWatchedDirectory().getPath());
  }

  private static void assertNoViolations(String file, Message message) {
    List<RuleViolation> violations = RULES.check(message);
    assertEquals(List.of(), violations, file + ": " + violations);
  }
}
