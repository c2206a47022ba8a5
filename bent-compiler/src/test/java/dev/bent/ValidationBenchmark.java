package dev.bent;

import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.source.MeshFileReader;
import java.util.List;
import java.util.Locale;

/**
 * Measures what the validate step costs a compile: generates a mesh of 1,000 nodes serving 200
 * services round-robin (so 5 endpoints per service), compiles every node with and without the
 * validate step, and prints the times and their ratio. A main, not a test: surefire does not run
 * it. Run from bent-compiler after {@code mvn test-compile}:
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat cp.txt) dev.bent.ValidationBenchmark [rounds]</pre>
 */
public final class ValidationBenchmark {
  static final int NODES = 1000;
  static final int SERVICES = 200;

  private ValidationBenchmark() {}

  /** The generated mesh file: node-NNNN serves svc-SSS.svc from its own address. */
  static String mesh() {
    StringBuilder yaml = new StringBuilder("nodes:\n");
    for (int n = 0; n < NODES; n++) {
      String address = "10.1." + (n / 250) + "." + (n % 250 + 1);
      yaml.append(String.format(Locale.ROOT, "  node-%04d:%n  - name: svc-%03d.svc%n", n, n % SERVICES))
          .append("    endpoints: [{address: ").append(address).append(", port: 3000}]\n");
    }
    return yaml.toString();
  }

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Mesh mesh = MeshFileReader.parse("benchmark.yaml", mesh(), new Diagnostics());
    System.out.println("mesh: " + NODES + " nodes, " + SERVICES + " services x " + NODES / SERVICES + " endpoints");
    for (int warmup = 0; warmup < 4; warmup++) {
      time(mesh, true);
      time(mesh, false);
    }
    long with = Long.MAX_VALUE;
    long without = Long.MAX_VALUE;
    for (int round = 0; round < rounds; round++) {
      with = Math.min(with, time(mesh, true));
      without = Math.min(without, time(mesh, false));
    }
    System.out.printf(Locale.ROOT, "best of %d: with validation %.0f ms, without %.0f ms, ratio %.2f%n",
        rounds, with / 1e6, without / 1e6, (double) with / without);
  }

  private static long time(Mesh mesh, boolean validate) {
    long start = System.nanoTime();
    Compiler.Compilation compilation = Compiler.compile(mesh, new Diagnostics(), List.of(), n -> "/etc/envoy/" + n,
        new dev.bent.resolve.Credentials(java.nio.file.Path.of("."), System::getenv), validate);
    long elapsed = System.nanoTime() - start;
    if (compilation.nodes().size() != NODES) {
      throw new IllegalStateException("compiled " + compilation.nodes().size() + " nodes");
    }
    return elapsed;
  }
}
