package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Meshes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Property: whatever the mesh file holds, {@code bent compile} exits 0, or exits 2 with at least
 * one {@code file:line:column: error:}; it never exits 4 or prints a stack trace, and on exit 2 the
 * output directory is exactly as it was. Tried on random edits of every sample and test mesh, and
 * on random YAML documents built from the mesh file's words.
 */
class MeshFuzzTest {
  private static final Pattern PLACED_ERROR = Pattern.compile("(?m)^.+:\\d+:\\d+: error: ");
  private static final List<String> WORDS = List.of(
      "mesh", "services", "nodes", "name", "endpoints", "address", "port", "annotations", "ports",
      "egress", "ingress", "prometheus", "admin", "accessLog", "enabled", "path", "tracing", "zipkin",
      "otel", "sampling", "gateways", "node", "basicAuth", "users", "passwordEnv", "htpasswd",
      "endpoint.weight", "fault.inject", "healthcheck.interval", "timeout", "a", "b.svc");
  private static final List<String> VALUES = List.of(
      "10.0.0.1", "a.svc", "80", "8080", "0", "-1", "65536", "0x10", "010", "1:20", "3_000",
      "99999999999999999999", "1.5", ".inf", "yes", "true", "~", "\"\"", "/x", "5s", "250", "*a",
      "&a v", "!!binary AAAA", "[]", "{}");

  private static Path work;
  private static Path output;

  @Provide
  Arbitrary<String> mutatedMeshes() {
    return Mutations.of(Arbitraries.of(meshes()));
  }

  @Provide
  Arbitrary<String> randomDocuments() {
    Arbitrary<String> scalars = Arbitraries.oneOf(Arbitraries.of(VALUES), Arbitraries.strings().ofMaxLength(6));
    Arbitrary<Object> values = Arbitraries.recursive(
        () -> scalars.map(s -> (Object) s),
        inner -> Arbitraries.oneOf(
            inner.list().ofMaxSize(3).map(l -> (Object) l),
            Arbitraries.maps(Arbitraries.of(WORDS), inner).ofMaxSize(4).map(m -> (Object) m)),
        0, 5);
    Arbitrary<Object> anything = Arbitraries.maps(Arbitraries.of("mesh", "services", "nodes"), values)
        .ofMinSize(1).ofMaxSize(3).map(m -> (Object) m);
    return Arbitraries.oneOf(anything, meshShaped(scalars)).map(top -> render(top, 0));
  }

  /** Nodes with services and endpoints, whose values are now good, now odd. */
  private static Arbitrary<Object> meshShaped(Arbitrary<String> odd) {
    Arbitrary<String> address = Arbitraries.oneOf(Arbitraries.of("10.0.0.1", "10.0.0.2", "db.local"), odd);
    Arbitrary<String> port = Arbitraries.oneOf(Arbitraries.of("80", "8080", "3000"), odd);
    Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of("a.svc", "b.svc"), odd);
    Arbitrary<Object> endpoint = net.jqwik.api.Combinators.combine(address, port)
        .as((a, p) -> (Object) linked("address", a, "port", p));
    Arbitrary<Object> service = net.jqwik.api.Combinators.combine(name, endpoint.list().ofMinSize(1).ofMaxSize(2))
        .as((n, e) -> (Object) linked("name", n, "endpoints", e));
    return Arbitraries.maps(Arbitraries.of("a", "b", "gw"), service.list().ofMaxSize(2))
        .ofMinSize(1).ofMaxSize(3)
        .map(nodes -> (Object) linked("nodes", nodes, null, null));
  }

  /** A map in the order written (Map.of's order changes from run to run, and so would the seed's). */
  private static Map<String, Object> linked(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    map.put(k1, v1);
    if (k2 != null) {
      map.put(k2, v2);
    }
    return map;
  }

  @Property
  void aMutatedMeshCompilesOrIsRefusedWithAPlace(@ForAll("mutatedMeshes") String text) throws IOException {
    compileKeepsTheProperty(text);
  }

  @Property
  void aRandomDocumentCompilesOrIsRefusedWithAPlace(@ForAll("randomDocuments") String text) throws IOException {
    compileKeepsTheProperty(text);
  }

  private static void compileKeepsTheProperty(String text) throws IOException {
    Path mesh = setUp().resolve("mesh.yaml");
    Files.writeString(mesh, text, StandardCharsets.UTF_8);
    Map<String, String> before = snapshot(output);
    CliRun run = CliRun.of("compile", "-c", mesh.toString(), "-o", output.toString());
    Statistics.collect("exit " + run.exitCode());
    String context = "\n--- mesh\n" + shown(text) + "\n" + run;
    assertTrue(run.exitCode() == 0 || run.exitCode() == 2, context);
    assertFalse(run.err().contains("\tat ") || run.err().contains("internal error"), context);
    if (run.exitCode() == 2) {
      assertTrue(PLACED_ERROR.matcher(run.err()).find(), "no file:line:col error" + context);
      assertEquals(before, snapshot(output), "output changed on exit 2" + context);
    }
  }

  /** Every sample (with the htpasswd file the front proxy needs beside it) and test mesh. */
  private static List<String> meshes() {
    List<String> out = new ArrayList<>();
    try (Stream<Path> samples = Files.list(Meshes.projectRoot().resolve("samples"))) {
      for (Path sample : samples.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        out.add(Files.readString(sample));
      }
      Path tests = Meshes.projectRoot().resolve("bent-compiler/src/test/resources/dev/bent/golden");
      try (Stream<Path> more = Files.list(tests)) {
        for (Path mesh : more.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
          out.add(Files.readString(mesh));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static synchronized Path setUp() throws IOException {
    if (work == null) {
      work = Files.createTempDirectory("bent-fuzz");
      output = work.resolve("out");
      Files.copy(Meshes.projectRoot().resolve("samples/front-proxy.htpasswd"), work.resolve("front-proxy.htpasswd"));
      Path sample = work.resolve("mesh.yaml");
      Files.copy(Meshes.projectRoot().resolve("samples/compose-config.yaml"), sample);
      assertEquals(0, CliRun.of("compile", "-c", sample.toString(), "-o", output.toString()).exitCode());
    }
    return work;
  }

  @AfterContainer
  static void tearDown() throws IOException {
    dev.bent.TempTrees.delete(work);
    work = null;
  }

  /** Every path under {@code dir} with its link target or its content. */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        String key = dir.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          out.put(key, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(key, Files.getLastModifiedTime(p) + " " + Files.readString(p, StandardCharsets.ISO_8859_1));
        } else {
          out.put(key, "dir");
        }
      }
    }
    return out;
  }

  /** Block-style YAML with scalars written as they are, so that YAML types and breaks them. */
  private static String render(Object value, int indent) {
    String pad = " ".repeat(indent);
    StringBuilder out = new StringBuilder();
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        return pad + "{}\n";
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(pad).append(e.getKey()).append(':');
        Object v = e.getValue();
        out.append(v instanceof String s ? " " + s + "\n" : "\n" + render(v, indent + 2));
      }
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        return pad + "[]\n";
      }
      for (Object item : list) {
        out.append(pad).append("-");
        out.append(item instanceof String s ? " " + s + "\n" : "\n" + render(item, indent + 2));
      }
    } else {
      out.append(pad).append(value).append('\n');
    }
    return out.toString().endsWith("\n") ? out.toString() : out + "\n";
  }

  private static String shown(String text) {
    return text.length() > 4_000 ? text.substring(0, 4_000) + "..." : text;
  }
}
