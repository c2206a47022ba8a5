package dev.bent.watch;

import dev.bent.write.OutputLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Measures how long a watch takes from a change of the mesh file to the published generations,
 * for each sample mesh and for a generated mesh of 1,000 nodes (200 services of 5 endpoints), with
 * its local clusters in the CDS files (the default) and in the bootstraps, and
 * counts the files one endpoint change writes (new files, not hard links to unchanged ones) and
 * their megabytes (the mean per change). A main, not a test: surefire does not run it.
 *
 * <pre>
 * mvn -q package -DskipTests
 * java -cp bent-watch/target/bent.jar:bent-watch/target/test-classes dev.bent.watch.WatchBenchmark [SAMPLES_DIR | --generated-only]
 * </pre>
 *
 * <p>Run from the checkout root; samples come from SAMPLES_DIR, else {@code samples/}, else
 * {@code ../shared/seed/}; {@code --generated-only} measures only the generated mesh. The watch runs in this JVM with no debounce, so the numbers are the
 * latency bent adds; a real watch adds its {@code --debounce} (200 ms by default). Each change
 * moves one endpoint address to a value it has not had before in the run.
 */
public final class WatchBenchmark {
  private static final Pattern LAST_OCTET = Pattern.compile("(address: \"?\\d+\\.\\d+\\.\\d+\\.)(\\d+)");
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private WatchBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.out.printf(
        "%-28s %6s %9s %9s %10s %10s %12s%n", "mesh", "nodes", "median ms", "p90 ms", "compile ms", "publish ms",
        "MB written");
    boolean generatedOnly = args.length > 0 && args[0].equals("--generated-only");
    for (Path sample : generatedOnly ? List.<Path>of() : samples(args)) {
      bench(sample.getFileName().toString(), Files.readString(sample), 5, 30);
    }
    bench("generated 200x5", generated(200, 5), 2, 8);
    bench("same, localClusters: bootstrap", "mesh:\n  localClusters: bootstrap\n" + generated(200, 5), 2, 8);
  }

  private static void bench(String name, String mesh, int warmup, int measured) throws Exception {
    Path dir = Files.createTempDirectory("bent-bench-");
    try (Session session = Session.start(dir, mesh)) {
      List<Double> latencies = new ArrayList<>();
      double[] compile = new double[1];
      double[] publish = new double[1];
      double[] megabytes = new double[1];
      for (int i = 0; i < warmup + measured; i++) {
        boolean last = i == warmup + measured - 1;
        RewriteCounter counter = last ? RewriteCounter.before(session.out) : null;
        WatchStatus.Snapshot before = session.status.snapshot();
        long start = System.nanoTime();
        MeshVersions.writeByRename(session.mesh, moveOneEndpoint(mesh, i + 1));
        WatchStatus.Snapshot after = session.awaitPublish(before.publishes());
        if (i >= warmup) {
          latencies.add((System.nanoTime() - start) / 1e6);
          compile[0] += (after.compileSeconds().sum() - before.compileSeconds().sum()) * 1000 / measured;
          publish[0] += (after.publishSeconds().sum() - before.publishSeconds().sum()) * 1000 / measured;
          megabytes[0] += (after.writtenBytes() - before.writtenBytes()) / 1e6 / measured;
        }
        if (last) {
          System.out.println("  " + name + ", one endpoint moved: " + counter.after());
        }
      }
      double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf("%-28s %6d %9.1f %9.1f %10.1f %10.1f %12.1f%n", name, session.nodes(), sorted[sorted.length / 2],
          sorted[(int) Math.ceil(sorted.length * 0.9) - 1], compile[0], publish[0], megabytes[0]);
    } finally {
      deleteRecursively(dir);
    }
  }

  /**
   * The mesh with the last octet of its first IPv4 endpoint address moved by {@code step} (1 to
   * 200). Each change of a run gets a new address, so that no change brings back one of the
   * generations a node keeps, which would be published without writing anything.
   */
  static String moveOneEndpoint(String mesh, int step) {
    Matcher m = LAST_OCTET.matcher(mesh);
    if (!m.find()) {
      throw new IllegalArgumentException("the mesh has no IPv4 endpoint address to move");
    }
    int octet = Integer.parseInt(m.group(2));
    int value = (octet + step) % 254 + 1;
    return mesh.substring(0, m.start(2)) + value + mesh.substring(m.end(2));
  }

  /** A mesh of services*endpoints nodes: node nSSSS-E runs endpoint E of service S. */
  static String generated(int services, int endpoints) {
    StringBuilder yaml = new StringBuilder("nodes:\n");
    for (int s = 0; s < services; s++) {
      for (int e = 0; e < endpoints; e++) {
        yaml.append(String.format("  n%04d-%d:%n  - name: svc%04d.svc%n", s, e, s));
        yaml.append(String.format("    endpoints: [{address: 10.%d.%d.%d, port: 8080}]%n", s / 250, s % 250, e + 1));
      }
    }
    return yaml.toString();
  }

  private static List<Path> samples(String[] args) throws IOException {
    Path dir = args.length > 0 ? Path.of(args[0]) : Path.of("samples");
    if (!hasYaml(dir)) {
      dir = Path.of("..", "shared", "seed");
    }
    List<Path> out = new ArrayList<>();
    if (hasYaml(dir)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.yaml")) {
        files.forEach(out::add);
      }
    }
    out.sort(null);
    return out;
  }

  private static boolean hasYaml(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.yaml")) {
      return files.iterator().hasNext();
    }
  }

  static void deleteRecursively(Path path) throws IOException {
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A watch on a mesh file in a temporary directory, running in a thread of this JVM. */
  private static final class Session implements AutoCloseable {
    final WatchStatus status = new WatchStatus(Clock.systemUTC());
    final Path mesh;
    final Path out;
    private final Watcher watcher;
    private final Thread thread;

    private Session(Path dir, FileMeshSource source) {
      this.mesh = dir.resolve("mesh.yaml");
      this.out = dir.resolve("out");
      PrintWriter quiet = new PrintWriter(Writer.nullWriter());
      this.watcher = new Watcher(source, List.of(), OutputLayout.of(out, "/etc/envoy", false), status, new WatchLog(quiet));
      this.thread = new Thread(this::run, "bench-watch");
    }

    static Session start(Path dir, String text) throws Exception {
      Files.writeString(dir.resolve("mesh.yaml"), text);
      Session session = new Session(dir, FileMeshSource.open(dir.resolve("mesh.yaml"), Duration.ZERO, Duration.ofSeconds(2)));
      session.thread.start();
      session.awaitPublish(0);
      return session;
    }

    int nodes() throws IOException {
      try (Stream<Path> list = Files.list(out)) {
        return (int) list.filter(Files::isDirectory).count();
      }
    }

    WatchStatus.Snapshot awaitPublish(long publishesBefore) {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        WatchStatus.Snapshot now = status.snapshot();
        if (now.publishes() > publishesBefore) {
          return now;
        }
        if (!status.health().ok() && !status.health().reason().startsWith("starting")) {
          throw new IllegalStateException("the mesh does not compile: " + status.health().reason());
        }
        LockSupport.parkNanos(100_000);
      }
      throw new IllegalStateException("nothing was published within " + TIMEOUT);
    }

    private void run() {
      try {
        watcher.run();
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() throws InterruptedException {
      watcher.stop();
      thread.join();
    }
  }

  /** Counts what a publish wrote: new generations, their files, and which of those differ. */
  private record RewriteCounter(Path out, List<String> generations, List<byte[]> bootstraps) {
    static RewriteCounter before(Path out) throws IOException {
      List<String> generations = new ArrayList<>();
      List<byte[]> bootstraps = new ArrayList<>();
      for (Path node : nodeDirs(out)) {
        generations.add(NodeDirectory.live(node).orElse(""));
        bootstraps.add(Files.readAllBytes(node.resolve("bootstrap.yaml")));
      }
      return new RewriteCounter(out, generations, bootstraps);
    }

    String after() throws IOException {
      List<Path> nodes = nodeDirs(out);
      int changedNodes = 0;
      int written = 0;
      int linked = 0;
      int bootstraps = 0;
      for (int i = 0; i < nodes.size(); i++) {
        Path node = nodes.get(i);
        String live = NodeDirectory.live(node).orElse("");
        bootstraps += Arrays.equals(bootstraps().get(i), Files.readAllBytes(node.resolve("bootstrap.yaml"))) ? 0 : 1;
        if (live.equals(generations.get(i))) {
          continue;
        }
        changedNodes++;
        for (String file : NodeDirectory.FILES) {
          Object now = inode(node.resolve(live).resolve(file));
          boolean shared = now.equals(inode(node.resolve(generations.get(i)).resolve(file)));
          linked += shared ? 1 : 0;
          written += shared ? 0 : 1;
        }
      }
      return changedNodes + " of " + nodes.size() + " nodes got a new generation; " + written
          + " files new to their node (written, or linked to a twin written once for many nodes), " + linked
          + " unchanged files hard-linked to the node's previous generation; " + bootstraps + " bootstraps rewritten";
    }

    private static Object inode(Path file) throws IOException {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private static List<Path> nodeDirs(Path out) throws IOException {
      try (Stream<Path> list = Files.list(out)) {
        return list.filter(Files::isDirectory).sorted().toList();
      }
    }
  }
}
