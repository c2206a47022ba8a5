package dev.bent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import com.google.protobuf.UInt32Value;
import dev.bent.diag.Diagnostic;
import dev.bent.diag.Diagnostics;
import dev.bent.emit.NodeFiles;
import dev.bent.ir.MeshPlan;
import dev.bent.resolve.Resolver;
import dev.bent.source.MeshFileReader;
import dev.bent.translate.NodeResources;
import dev.bent.translate.SharedResources;
import dev.bent.translate.Translator;
import dev.bent.validate.CheckMemo;
import dev.bent.validate.ProtoRuleChecker;
import dev.bent.validate.RuleViolation;
import dev.bent.validate.StrictParser;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bent's own output breaks no Envoy rule, not even a deprecation, and a broken one is caught. */
class OutputValidationTest {
  static final String MESH = "services:\n- name: a.svc\n  endpoints: [{address: 10.0.0.1, port: 4100}]\n"
      + "nodes:\n  a:\n  - name: a.svc\n    endpoints: [{address: 10.0.0.1, port: 3000}]\n";

  @Test
  void noSampleDrawsAWarningFromTheValidateStep() throws Exception {
    for (Path sample : GoldenTest.samples()) {
      Compiler.Compilation compilation = Compiler.compileFile(sample, List.of(), n -> "/etc/envoy/" + n);
      List<String> fromOutput = compilation.warnings().stream()
          .filter(d -> !d.location().origin().equals(sample.toString())).map(Diagnostic::toString).toList();
      assertEquals(List.of(), fromOutput, sample.toString());
    }
  }

  @Test
  void everyEmittedFileParsesStrictlyAndBreaksNoRule() throws Exception {
    StrictParser parser = StrictParser.create();
    for (Path sample : GoldenTest.samples()) {
      Compiler.Compilation compilation = Compiler.compileFile(sample, List.of(), n -> "/etc/envoy/" + n);
      for (NodeFiles node : compilation.nodes().values()) {
        for (Map.Entry<String, byte[]> file : node.files().entrySet()) {
          String text = new String(file.getValue(), StandardCharsets.UTF_8);
          List<Message> messages = file.getKey().equals(NodeFiles.BOOTSTRAP)
              ? List.of(parser.parse(text, StrictParser.Format.YAML, Bootstrap.getDefaultInstance()))
              : parser.parseDiscoveryResources(text, StrictParser.Format.YAML);
          List<RuleViolation> violations = new ArrayList<>();
          messages.forEach(m -> violations.addAll(ProtoRuleChecker.create().check(m)));
          assertEquals(List.of(), violations, sample.getFileName() + " " + node.node() + "/" + file.getKey());
        }
      }
    }
  }

  static MeshPlan plan() {
    return Resolver.resolve(MeshFileReader.parse("mesh.yaml", MESH, new Diagnostics()), new Diagnostics(),
        new dev.bent.resolve.Credentials(java.nio.file.Path.of("."), k -> null));
  }

  @Test
  void compilesSelfCheckAppliesBentsLayoutPolicy() {
    MeshPlan plan = plan();
    SharedResources shared = Translator.shared(plan);
    NodeResources node = Translator.node(plan, plan.nodes().get(0), "/etc/envoy/a");
    Bootstrap.Builder publicAdmin = node.bootstrap().toBuilder();
    publicAdmin.getAdminBuilder().getAddressBuilder().getSocketAddressBuilder().setAddress("0.0.0.0");
    NodeResources tampered = new NodeResources(node.node(), publicAdmin.build(), node.listeners(), node.localClusters(),
        node.routes());
    assertEquals(List.of("/etc/envoy/a/bootstrap.yaml: error: admin.address: admin must listen on loopback, not 0.0.0.0"
        + " [bent layout]"),
        OutputValidation.node("/etc/envoy/a", tampered, shared, new CheckMemo()).stream().map(Diagnostic::toString).toList());
  }

  @Test
  void brokenNodeResourceIsReportedAtItsFileAndField() {
    MeshPlan plan = plan();
    SharedResources shared = Translator.shared(plan);
    NodeResources node = Translator.node(plan, plan.nodes().get(0), "/etc/envoy/a");
    NodeResources tampered = withPortOutOfRange(node);
    assertEquals(List.of("/etc/envoy/a/lds.yaml: error: resources[1].address.socket_address.port_value: must be at"
        + " most 65535, got 70000 [uint32.lte]"),
        OutputValidation.node("/etc/envoy/a", tampered, shared, new CheckMemo()).stream().map(Diagnostic::toString).toList());
  }

  /** {@code node} with its second listener on port 70000. */
  private static NodeResources withPortOutOfRange(NodeResources node) {
    Listener.Builder broken = node.listeners().get(1).toBuilder();
    broken.getAddressBuilder().getSocketAddressBuilder().setPortValue(70000);
    return new NodeResources(node.node(), node.bootstrap(), List.of(node.listeners().get(0), broken.build()),
        node.localClusters(), node.routes());
  }

  @Test
  void brokenSharedResourceIsReportedOncePerCompile() {
    SharedResources shared = Translator.shared(plan());
    Cluster cluster = shared.egressClusters().get(0);
    Cluster.Builder broken = cluster.toBuilder();
    broken.getLoadAssignmentBuilder().getEndpointsBuilder(0).getLbEndpointsBuilder(0)
        .setLoadBalancingWeight(UInt32Value.of(0));
    SharedResources tampered = new SharedResources(List.of(broken.build()), shared.egressRoutes());
    assertEquals(List.of("cds.yaml (every node): error: resources[0].load_assignment.endpoints[0].lb_endpoints[0]"
        + ".load_balancing_weight: must be at least 1, got 0 [uint32.gte]"),
        OutputValidation.shared(tampered).stream().map(Diagnostic::toString).toList());
  }

  @Test
  void whatAnEarlierCompileFoundCleanIsNotCheckedAgainButABrokenResourceIsReportedEveryTime() {
    MeshPlan plan = plan();
    SharedResources shared = Translator.shared(plan);
    NodeResources node = Translator.node(plan, plan.nodes().get(0), "/etc/envoy/a");
    NodeResources tampered = withPortOutOfRange(node);
    dev.bent.ir.KeptByValue<com.google.protobuf.Message, Boolean> clean = new dev.bent.ir.KeptByValue<>();
    List<String> expected = List.of("/etc/envoy/a/lds.yaml: error: resources[1].address.socket_address.port_value:"
        + " must be at most 65535, got 70000 [uint32.lte]");

    assertEquals(List.of(), OutputValidation.node("/etc/envoy/a", node, shared, new CheckMemo(), clean));
    assertTrue(clean.kept(node.listeners().get(1).toBuilder().build()).isPresent(), "an equal listener is known clean");
    for (int compile = 0; compile < 2; compile++) {
      assertEquals(expected, OutputValidation.node("/etc/envoy/a", tampered, shared, new CheckMemo(), clean)
          .stream().map(Diagnostic::toString).toList(), "compile " + compile);
      clean.compileDone();
    }
  }
}
