package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bent.Meshes;
import dev.bent.source.ecs.FakeEcs;
import dev.bent.source.ecs.MetadataServer;
import dev.bent.source.ecs.TaskMetadata;
import dev.bent.source.s3.LocalS3;
import dev.bent.source.s3.S3Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The directory a README command block runs in: the samples, {@code mesh.yaml} (the bundled
 * eight-node sample), {@code meshes/} with two samples, and a local ECS endpoint with one task of
 * the seed's echo service in cluster {@code prod}. Inputs a command reads (golden files, a
 * compiled node) are made just before it runs, by bent itself; outputs it promises are checked after.
 */
final class Workspace {
  private static final Path ROOT = Meshes.projectRoot();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static final String TASK = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

  private final Path dir;
  private final FakeEcs ecs;

  Workspace(Path dir, FakeEcs ecs) {
    this.dir = dir;
    this.ecs = ecs;
  }

  void layOut() throws IOException {
    Files.createDirectories(dir.resolve("samples"));
    Files.createDirectories(dir.resolve("meshes"));
    try (Stream<Path> samples = Files.list(ROOT.resolve("samples"))) {
      for (Path s : samples.toList()) {
        Files.copy(s, dir.resolve("samples").resolve(s.getFileName()));
      }
    }
    Files.copy(ROOT.resolve("samples/compose-config.yaml"), dir.resolve("mesh.yaml"));
    Files.copy(ROOT.resolve("samples/compose-config.yaml"), dir.resolve("meshes/compose.yaml"));
    Files.copy(ROOT.resolve("samples/canary.yaml"), dir.resolve("meshes/canary.yaml"));
    String echo = ecs.addDefinition("echo", 4, "awsvpc", ReadmeCommandsTest.echoLabels());
    ecs.addTask("prod", TASK, echo);
  }

  /** A path of a command line: relative ones in this directory, absolute ones below it. */
  Path path(String word) {
    return dir.resolve(word.startsWith("/") ? word.substring(1) : word);
  }

  /** Runs one concrete bent command line in this JVM and checks what the README promises of it. */
  void bent(String line, List<String> words) throws IOException {
    List<String> args = new ArrayList<>(words);
    String command = args.isEmpty() ? "" : args.get(0);
    if (args.contains("ecs")) {
      args.addAll(List.of("--region", FakeEcs.REGION, "--endpoint-url", ecs.endpoint().toString()));
    }
    prepare(command, args);
    ReadmeCommandsTest.Run run = command.startsWith("-")
        ? ReadmeCommandsTest.Run.of(args) : ReadmeCommandsTest.Run.of(ReadmeCommandsTest.resolved(this, args));
    assertEquals(0, run.exitCode(), line + "\n" + run);
    switch (command) {
      case "compile" -> checkCompiled(line, args);
      // The lines the README quotes: "bent: golden/mesh is up to date: 15 files of 3 nodes match",
      // "bent: updated golden/mesh: 1 written, 1 removed, 14 unchanged".
      case "check" -> assertTrue(run.err().matches(
          "(?s)bent: \\S+ is up to date: \\d+ files of \\d+ nodes match\n"), line + "\n" + run);
      case "update" -> assertTrue(run.err().matches(
          "(?s)bent: updated \\S+: \\d+ written, \\d+ removed, \\d+ unchanged\n"), line + "\n" + run);
      case "validate" -> assertTrue(run.err().contains("bent: checked "), line + "\n" + run);
      case "flatten" -> {
        String flat = Files.readString(path(value(args, "-o")));
        assertTrue(flat.contains("static_resources:") && !flat.contains("dynamic_resources:"), flat);
      }
      case "scan" -> assertTrue(Files.readString(path(value(args, "-o"))).contains("nodes:"), line);
      case "explain" -> assertFalse(run.out().isBlank(), line + "\n" + run);
      case "schema" -> assertTrue(run.out().contains("\"$schema\""), line + "\n" + run);
      case "ca" -> checkCa(line, args);
      case "--help", "--version" -> assertFalse(run.out().isBlank(), line + "\n" + run);
      default -> fail("README.md runs a bent command this test does not know: " + line);
    }
  }

  /** Runs a watch line as its own process until its first publish, then stops it with SIGTERM. */
  void watch(List<String> words) throws Exception {
    List<String> args = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      boolean envoyDir = i > 0 && words.get(i - 1).equals("--envoy-dir");
      // A fixed status port may be taken on this machine; 0 picks a free one.
      boolean port = i > 0 && words.get(i - 1).equals("--status-port");
      args.add(port ? "0" : w.startsWith("/") && !envoyDir ? path(w).toString() : w);
    }
    try (WatchProcess watch = WatchProcess.start(dir, args.toArray(String[]::new))) {
      watch.awaitLine("^bent: publish 1: ", TIMEOUT);
      assertEquals(0, watch.terminate(TIMEOUT), watch.stderr());
    }
    checkCompiled(String.join(" ", words), words);
  }

  /** Runs a task's bent command as the container would: its own process, the task's environment. */
  void task(List<String> argv) throws Exception {
    List<String> args = new ArrayList<>();
    for (String a : argv) {
      args.add(a.startsWith("/") ? path(a).toString() : a);
    }
    if (argv.contains("ecs")) {
      args.addAll(List.of("--endpoint-url", ecs.endpoint().toString()));
    }
    String snapshot = argv.stream().filter(a -> a.startsWith("s3://")).findFirst().orElse(null);
    String task = MetadataServer.taskJson("prod", TASK, "echo", 4, "RUNNING", "10.0.0.1",
        ReadmeCommandsTest.echoLabels());
    Map<String, String> env = new java.util.HashMap<>(Map.of(
        "AWS_REGION", FakeEcs.REGION, "AWS_ACCESS_KEY_ID", "AKIDBENTTEST",
        "AWS_SECRET_ACCESS_KEY", "bent-test-secret", "AWS_EC2_METADATA_DISABLED", "true"));
    try (LocalS3 s3 = LocalS3.start(); MetadataServer metadata = new MetadataServer(200, task)) {
      env.put(TaskMetadata.ENV, metadata.base());
      S3Location location = null;
      if (snapshot != null) {
        // S3 as the README's settings paragraph says: the SDK's endpoint setting, path style.
        location = S3Location.parse(snapshot).orElseThrow();
        s3.createBucket(location.bucket());
        env.putAll(Map.of("AWS_ENDPOINT_URL_S3", s3.endpoint().toString(), "BENT_S3_PATH_STYLE", "true",
            "AWS_ACCESS_KEY_ID", "bent", "AWS_SECRET_ACCESS_KEY", LocalS3.secret("bent"),
            "AWS_REQUEST_CHECKSUM_CALCULATION", "WHEN_REQUIRED", "AWS_RESPONSE_CHECKSUM_VALIDATION", "WHEN_REQUIRED"));
        if (!argv.get(0).equals("scan")) {
          // The snapshot a scanner published before the task started.
          ReadmeCommandsTest.Run scan = ReadmeCommandsTest.Run.of(List.of("scan", "--source", "ecs",
              "--region", FakeEcs.REGION, "--endpoint-url", ecs.endpoint().toString(), "-o", "-"));
          assertEquals(0, scan.exitCode(), scan.toString());
          s3.put(location.bucket(), location.key(), scan.out());
        }
      }
      try (WatchProcess bent = WatchProcess.start(dir, env, args.toArray(String[]::new))) {
        if (argv.get(0).equals("scan")) {
          bent.awaitLine("^bent: published " + java.util.regex.Pattern.quote(snapshot), TIMEOUT);
          // The README promises no exit status for a stopped scanner (it ends by the JVM's default, 143).
          bent.terminate(TIMEOUT);
          assertTrue(s3.text(location.bucket(), location.key()).orElseThrow().contains(TASK), bent.stderr());
          return;
        }
        if (argv.get(0).equals("watch")) {
          bent.awaitLine("^bent: publish 1: ", TIMEOUT);
          assertEquals(0, bent.terminate(TIMEOUT), bent.stderr());
        } else {
          assertEquals(0, bent.exitStatus(TIMEOUT), bent.stderr());
        }
      }
    }
    String bootstrap = Files.readString(path(value(argv, "-o")).resolve("bootstrap.yaml"));
    assertTrue(bootstrap.contains("id: " + TASK), bootstrap);
  }

  /** Runs a whole shell script of the README with {@code bin/bent} running this build. */
  void runScript(String script) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path bent = bin.resolve("bent");
    Files.writeString(bent, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
        + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '" + System.getProperty("java.class.path") + "' "
        + Main.class.getName() + " \"$@\"\n");
    assertTrue(bent.toFile().setExecutable(true));
    List<Path> goldens = new ArrayList<>();
    if (script.contains("--golden golden/mesh")) {
      goldens.add(golden("mesh.yaml", "golden/mesh"));
    }
    if (script.contains("meshes/*.yaml")) {
      goldens.add(golden("meshes/compose.yaml", "golden/compose"));
      goldens.add(golden("meshes/canary.yaml", "golden/canary"));
    }
    assertFalse(goldens.isEmpty(), "a README script this test does not know:\n" + script);
    assertEquals(0, sh(script), script);
    // The README: exit status 3 means the golden files are out of date.
    for (Path g : goldens) {
      String node = Files.readAllLines(g.resolve(".bent-nodes")).get(2);
      Files.writeString(g.resolve(node).resolve("cds.yaml"), "# edited\n", StandardOpenOption.APPEND);
    }
    assertEquals(3, sh(script), script);
  }

  private int sh(String script) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", script).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(ReadmeCommandsTest.processEnded(p), "the script did not end:\n" + script);
    return p.exitValue();
  }

  /** Makes what a command reads and the README assumes is there. */
  private void prepare(String command, List<String> args) throws IOException {
    if (command.equals("check")) {
      golden(value(args, "-c"), value(args, "--golden"));
    }
    if (command.equals("ca") && args.get(1).equals("issue")) {
      // A mesh with mesh.tls whose trust bundle is the CA's, as the README says to point it.
      Files.writeString(path(value(args, "-c")), Files.readString(ROOT.resolve("samples/mtls.yaml"))
          .replace("trustBundle: mtls-certs/ca.crt", "trustBundle: " + value(args, "--ca") + "/ca.crt"));
      if (!Files.exists(path(value(args, "--ca")).resolve("ca.crt"))) {
        run("ca", "init", "--trust-domain", "shop.example", "--dir", path(value(args, "--ca")).toString());
      }
    }
    if (command.equals("validate") || command.equals("flatten")) {
      for (int i = 1; i < args.size(); i++) {
        String a = args.get(i);
        if (a.startsWith("-")) {
          i += a.equals("--profile") || a.equals("-o") ? 1 : 0;
        } else if (!Files.exists(path(a))) {
          compiledInput(a);
        }
      }
    }
  }

  /** Compiles the node a validate or flatten argument names: DIR/NODE[/FILE], DIR/bootstrap.yaml or X.json. */
  private void compiledInput(String arg) throws IOException {
    Path p = path(arg);
    if (arg.endsWith(".json") && !arg.contains("/")) {
      compiledInput("out/beta");
      Files.writeString(p, ReadmeCommandsTest.json(dir.resolve("out/beta").resolve(arg.replace(".json", ".yaml"))));
    } else if (p.getFileName().toString().equals("bootstrap.yaml")) {
      run("compile", "-c", dir.resolve("mesh.yaml").toString(), "--node", "beta", "-o", p.getParent().toString());
    } else if (p.getFileName().toString().equals("beta")) {
      run("compile", "-c", dir.resolve("mesh.yaml").toString(), "-o", p.getParent().toString());
    } else if (p.getParent().getFileName().toString().equals("beta")) {
      run("compile", "-c", dir.resolve("mesh.yaml").toString(), "-o", p.getParent().getParent().toString());
    } else {
      fail("README.md names an input this test cannot make: " + arg);
    }
  }

  private Path golden(String mesh, String golden) {
    run("update", "-c", path(mesh).toString(), "--golden", path(golden).toString());
    return path(golden);
  }

  private static void run(String... args) {
    ReadmeCommandsTest.Run run = ReadmeCommandsTest.Run.of(List.of(args));
    assertEquals(0, run.exitCode(), "preparing: " + String.join(" ", args) + "\n" + run);
  }

  /** {@code ca init} wrote ca.crt and a key only its owner reads; {@code ca issue} certificates the mesh compiles with. */
  private void checkCa(String line, List<String> args) throws IOException {
    if (args.get(1).equals("init")) {
      Path ca = path(value(args, "--dir"));
      assertTrue(Files.isRegularFile(ca.resolve("ca.crt")), line);
      assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(ca.resolve("ca.key"))), line);
    } else if (args.get(1).equals("issue")) {
      for (String node : List.of("web", "orders", "payments")) {
        assertTrue(Files.isRegularFile(dir.resolve("mtls-certs").resolve(node + ".crt")), line + ": no " + node + ".crt");
      }
      run("compile", "-c", path(value(args, "-c")).toString(), "-o", dir.resolve("tls-out").toString());
    } else {
      fail("README.md runs a bent ca command this test does not know: " + line);
    }
  }

  /** A compile or watch wrote a bootstrap per node, into DIR itself with one --node. */
  private void checkCompiled(String line, List<String> args) throws IOException {
    Path out = path(value(args, "-o"));
    List<Path> bootstraps = new ArrayList<>();
    if (args.stream().filter("--node"::equals).count() == 1) {
      bootstraps.add(out.resolve("bootstrap.yaml"));
    } else {
      for (String node : Files.readAllLines(out.resolve(".bent-nodes"))) {
        if (!node.startsWith("#") && !node.startsWith("kind:") && !node.isBlank()) {
          bootstraps.add(out.resolve(node).resolve("bootstrap.yaml"));
        }
      }
      assertFalse(bootstraps.isEmpty(), line + ": no node in " + out.resolve(".bent-nodes"));
    }
    for (Path b : bootstraps) {
      assertTrue(Files.isRegularFile(b), line + ": " + b + " was not written");
      if (args.contains("--envoy-dir")) {
        String envoyDir = value(args, "--envoy-dir");
        assertTrue(Files.readString(b).contains(envoyDir + "/"), line + ": " + b + " does not name " + envoyDir);
      }
    }
  }

  private static String value(List<String> args, String option) {
    int i = args.indexOf(option);
    if (i < 0 && option.equals("-o")) {
      i = args.indexOf("--output");
    }
    if (i < 0 && option.equals("-c")) {
      i = args.indexOf("--config");
    }
    assertTrue(i >= 0 && i + 1 < args.size(), "no " + option + " in " + args);
    return args.get(i + 1);
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
