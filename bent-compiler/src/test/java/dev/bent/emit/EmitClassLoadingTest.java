package dev.bent.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Meshes;
import dev.bent.diag.Diagnostics;
import dev.bent.ir.MeshPlan;
import dev.bent.ir.NodePlan;
import dev.bent.resolve.Credentials;
import dev.bent.resolve.Resolver;
import dev.bent.source.MeshFileReader;
import dev.bent.translate.NodeResources;
import dev.bent.translate.SharedResources;
import dev.bent.translate.Translator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Emitting loads no JSON or Jackson class: a fresh JVM translates a sample, then emits it with
 * class loading logged, and nothing loaded after the emit starts comes from Jackson, Gson or
 * protobuf's JSON printer.
 */
class EmitClassLoadingTest {
  private static final String START = "-- emit starts --";

  @Test
  void emittingASampleLoadsNoJsonLibrary() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path sample = Meshes.projectRoot().resolve("samples/front-proxy.yaml");
    Process process = new ProcessBuilder(java.toString(), "-Xshare:off", "-Xlog:class+load=info:stdout",
            "-cp", System.getProperty("java.class.path"), EmitOnce.class.getName(), sample.toString())
        .redirectErrorStream(true)
        .start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), log);
    int start = log.indexOf(START);
    assertTrue(start > 0, log);
    String emitting = log.substring(start);
    assertTrue(emitting.contains("dev.bent.emit.MessageYaml"), "the emit ran in the child JVM");
    for (String line : emitting.lines().toList()) {
      assertTrue(!line.contains("com.fasterxml.jackson") && !line.contains("com.google.gson")
          && !line.contains("com.google.protobuf.util.JsonFormat"), line);
    }
  }

  /** Translates the mesh file given, then emits every node. */
  public static final class EmitOnce {
    private EmitOnce() {}

    public static void main(String[] args) {
      Path file = Path.of(args[0]);
      Diagnostics diagnostics = new Diagnostics();
      MeshPlan plan = Resolver.resolve(MeshFileReader.read(file, file.toString(), diagnostics), diagnostics,
          Credentials.beside(file), n -> true);
      SharedResources shared = Translator.shared(plan);
      List<NodeResources> nodes = new ArrayList<>();
      for (NodePlan node : plan.nodes()) {
        nodes.add(Translator.node(plan, shared, node, "/etc/envoy/" + node.name()));
      }
      System.out.println(START);
      MeshEmitter emitter = new MeshEmitter(shared);
      nodes.forEach(emitter::emit);
    }
  }
}
