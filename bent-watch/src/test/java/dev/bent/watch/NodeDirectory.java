package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/** Reads a node directory the way Envoy does, and checks one that nobody is writing. */
final class NodeDirectory {
  static final Set<String> FILES = Set.of("lds.yaml", "cds.yaml", "rds/egress.yaml", "rds/ingress.yaml");
  private static final YAMLMapper YAML = new YAMLMapper();

  private NodeDirectory() {}

  /** The generation {@code ..data} points at, or empty before the first publish. */
  static Optional<String> live(Path dir) {
    try {
      return Optional.of(Files.readSymbolicLink(dir.resolve("..data")).toString());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads the files as Envoy resolves them: the bootstrap names the LDS and CDS files, which are
   * opened through their symlinks; each listener names its RDS file, which must hold exactly the
   * one route configuration the listener asks for. Returns relative name to text.
   */
  static Map<String, String> readLikeEnvoy(Path dir) throws IOException {
    JsonNode bootstrap = YAML.readTree(Files.readString(dir.resolve("bootstrap.yaml")));
    JsonNode dynamic = bootstrap.path("dynamic_resources");
    Map<String, String> files = new TreeMap<>();
    String lds = Files.readString(Path.of(dynamic.at("/lds_config/path_config_source/path").asText()));
    files.put("lds.yaml", lds);
    files.put("cds.yaml", Files.readString(Path.of(dynamic.at("/cds_config/path_config_source/path").asText())));
    for (JsonNode listener : YAML.readTree(lds).path("resources")) {
      for (JsonNode filter : listener.at("/filter_chains/0/filters")) {
        JsonNode rds = filter.at("/typed_config/rds");
        String name = rds.path("route_config_name").asText();
        String text = Files.readString(Path.of(rds.at("/config_source/path_config_source/path").asText()));
        JsonNode resources = YAML.readTree(text).path("resources");
        if (resources.size() != 1 || !resources.get(0).path("name").asText().equals(name)) {
          throw new IllegalStateException("RDS file for " + name + " does not hold exactly that route configuration");
        }
        files.put("rds/" + name + ".yaml", text);
      }
    }
    return files;
  }

  /** The one version every file of a set names; fails saying which file disagrees. */
  static int consistentVersion(Map<String, String> files) {
    Map<String, OptionalInt> versions = new TreeMap<>();
    files.forEach((name, text) -> versions.put(name, MeshVersions.version(text)));
    Set<OptionalInt> distinct = Set.copyOf(versions.values());
    assertEquals(FILES, files.keySet(), "the set of files");
    assertTrue(distinct.size() == 1 && distinct.iterator().next().isPresent(), "versions per file: " + versions);
    return distinct.iterator().next().getAsInt();
  }

  /**
   * Checks a directory that nobody is writing: no symlink dangles, {@code ..data} names a
   * generation holding exactly the expected files, and those files name one version, which is
   * returned.
   */
  static int checkAtRest(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : entries.toList()) {
        if (Files.isSymbolicLink(entry)) {
          assertTrue(Files.exists(entry), "dangling link " + entry + " -> " + Files.readSymbolicLink(entry));
        }
      }
    }
    String generation = live(dir).orElseThrow(() -> new AssertionError("no ..data in " + dir));
    assertTrue(generation.matches("\\.\\.[0-9a-f]{16}"), "..data -> " + generation);
    Path generationDir = dir.resolve(generation);
    Set<String> held = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(generationDir)) {
      walk.filter(Files::isRegularFile).forEach(p -> held.add(generationDir.relativize(p).toString()));
    }
    assertEquals(FILES, held, "files of the live generation " + generationDir);
    return consistentVersion(readLikeEnvoy(dir));
  }

  /** The live generation of each of {@code nodes}, to compare with later. */
  static Map<Path, Optional<String>> liveGenerations(List<Path> nodes) {
    Map<Path, Optional<String>> live = new java.util.LinkedHashMap<>();
    nodes.forEach(node -> live.put(node, live(node)));
    return live;
  }

  /** Polls until the {@code ..data} of one of the nodes has moved: a publish has begun. */
  static void awaitAnySwap(Map<Path, Optional<String>> before, Duration timeout, WatchProcess watch) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Map.Entry<Path, Optional<String>> node : before.entrySet()) {
        if (!live(node.getKey()).equals(node.getValue())) {
          return;
        }
      }
      // Reasoning: 1 ms is far shorter than publishing a node, and a tighter poll would take CPU
      // from the process it waits for.
      LockSupport.parkNanos(1_000_000);
    }
    throw new AssertionError("no node was published within " + timeout + "; stderr:\n" + watch.stderr());
  }

  /** Names in {@code dir} that an interrupted write leaves behind. */
  static List<String> leftovers(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".tmp-")).sorted().toList();
    }
  }

  /** The generation directories in {@code dir}, live or kept. */
  static List<String> generations(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\.\\.[0-9a-f]{16}")).sorted().toList();
    }
  }
}
