package dev.bent.emit;

import dev.bent.diag.Diagnostics;
import dev.bent.ir.MeshPlan;
import dev.bent.ir.NodePlan;
import dev.bent.resolve.Credentials;
import dev.bent.resolve.Resolver;
import dev.bent.source.MeshFileReader;
import dev.bent.translate.NodeResources;
import dev.bent.translate.SharedResources;
import dev.bent.translate.Translator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures the emit step alone: the nodes of the benchmark's generated mesh (translated once) are
 * emitted by the direct emitter and by the Jackson reference, and the first emit of a fresh JVM is
 * timed too (what a one-node compile pays). A main, not a test: surefire does not run it. Run from
 * bent-compiler after {@code mvn test-compile} and
 * {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}:
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat cp.txt) dev.bent.emit.EmitBenchmark [direct|jackson] [nodes] [rounds]</pre>
 */
public final class EmitBenchmark {
  private EmitBenchmark() {}

  public static void main(String[] args) throws Exception {
    boolean direct = args.length == 0 || args[0].equals("direct");
    int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    String text = GeneratedMeshesEmitTest.generated(nodes, Math.max(1, nodes / 5));
    Diagnostics diagnostics = new Diagnostics();
    MeshPlan plan = Resolver.resolve(MeshFileReader.parse("mesh.yaml", text, diagnostics), diagnostics,
        new Credentials(Path.of("."), name -> null), n -> true);
    SharedResources shared = Translator.shared(plan);
    List<NodeResources> translated = new ArrayList<>();
    for (NodePlan node : plan.nodes()) {
      translated.add(Translator.node(plan, shared, node, "/etc/envoy/" + node.name()));
    }
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long first = System.nanoTime();
    long firstCpu = threads.getCurrentThreadCpuTime();
    emit(direct, shared, translated.subList(0, 1));
    System.out.printf(Locale.ROOT, "%s: first node in a fresh JVM %.0f ms (%.0f ms CPU of this thread)%n",
        direct ? "direct" : "jackson", (System.nanoTime() - first) / 1e6,
        (threads.getCurrentThreadCpuTime() - firstCpu) / 1e6);
    long best = Long.MAX_VALUE;
    long bestCpu = Long.MAX_VALUE;
    for (int round = 0; round < rounds + 2; round++) {
      long start = System.nanoTime();
      long startCpu = threads.getCurrentThreadCpuTime();
      long bytes = emit(direct, shared, translated);
      long elapsed = System.nanoTime() - start;
      if (round >= 2) {
        best = Math.min(best, elapsed);
        bestCpu = Math.min(bestCpu, threads.getCurrentThreadCpuTime() - startCpu);
      }
      if (round == 0) {
        System.out.printf(Locale.ROOT, "%d nodes, %d MB emitted%n", translated.size(), bytes >> 20);
      }
    }
    System.out.printf(Locale.ROOT, "best of %d: %d nodes emitted in %.0f ms (%.0f ms CPU of this thread)%n",
        rounds, translated.size(), best / 1e6, bestCpu / 1e6);
  }

  private static long emit(boolean direct, SharedResources shared, List<NodeResources> nodes) {
    long bytes = 0;
    if (direct) {
      MeshEmitter emitter = new MeshEmitter(shared);
      for (NodeResources node : nodes) {
        for (byte[] file : emitter.emit(node).files().values()) {
          bytes += file.length;
        }
      }
      return bytes;
    }
    // As the emitter did before the direct one: shared items rendered once, files continuing from them.
    java.util.Map<com.google.protobuf.Message, String> rendered = new java.util.IdentityHashMap<>();
    shared.egressClusters().forEach(c -> rendered.put(c, JacksonYamlEmitter.resourceItem(c)));
    rendered.put(shared.egressRoutes(), JacksonYamlEmitter.resourceItem(shared.egressRoutes()));
    RenderedItems egress = RenderedItems.of(shared.egressClusters().stream().map(rendered::get).toList());
    for (NodeResources node : nodes) {
      bytes += JacksonYamlEmitter.document(node.bootstrap()).length;
      for (List<com.google.protobuf.Message> file : node.dynamicFiles(shared).values()) {
        boolean clusters = !shared.egressClusters().isEmpty() && file.size() >= shared.egressClusters().size()
            && file.get(0) == shared.egressClusters().get(0);
        RenderedItems head = clusters ? egress : RenderedItems.NONE;
        List<String> items = new ArrayList<>();
        for (com.google.protobuf.Message resource : file.subList(head.count(), file.size())) {
          items.add(rendered.computeIfAbsent(resource, JacksonYamlEmitter::resourceItem));
        }
        bytes += YamlEmitter.discoveryFile(head, items).length;
      }
    }
    return bytes;
  }
}
