package dev.bent.golden;

import dev.bent.Compiler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The comparison of compiled output with golden files: which files differ, which the compile
 * produced but golden lacks (missing), and which golden has but the compile no longer produces
 * (extra). {@link #report} renders it for a person: a unified diff per changed file, then one line
 * per missing or extra file.
 */
public final class GoldenComparison {
  /** How a file differs. */
  public enum Kind {
    /** In both, with different bytes. */
    CHANGED,
    /** Compiled, but not in golden. */
    MISSING,
    /** In golden, but no longer compiled. */
    EXTRA
  }

  /** One file that differs; {@code golden} is null when missing, {@code compiled} when extra. */
  public record Difference(Kind kind, String node, String path, byte[] golden, byte[] compiled) {
    /** The file as {@code node/path}. */
    public String file() {
      return node + "/" + path;
    }
  }

  private final List<Difference> differences;
  private final int nodes;
  private final int files;

  private GoldenComparison(List<Difference> differences, int nodes, int files) {
    this.differences = List.copyOf(differences);
    this.nodes = nodes;
    this.files = files;
  }

  /**
   * Compares a compile with the golden directory. With {@code nodes} given, only those nodes'
   * golden subdirectories are looked at; otherwise a golden node that was not compiled is extra.
   */
  public static GoldenComparison of(Compiler.Compilation compilation, Path goldenDirectory, List<String> nodes)
      throws IOException {
    GoldenTree compiled = GoldenTree.of(compilation);
    return compare(GoldenTree.read(goldenDirectory, compiled.nodes().keySet()).only(nodes), compiled);
  }

  /** Compares every file of two trees. */
  public static GoldenComparison compare(GoldenTree golden, GoldenTree compiled) {
    TreeSet<String> nodeNames = new TreeSet<>(golden.nodes().keySet());
    nodeNames.addAll(compiled.nodes().keySet());
    List<Difference> differences = new ArrayList<>();
    for (String node : nodeNames) {
      SortedMap<String, byte[]> expected = golden.nodes().getOrDefault(node, new TreeMap<>());
      SortedMap<String, byte[]> actual = compiled.nodes().getOrDefault(node, new TreeMap<>());
      TreeSet<String> paths = new TreeSet<>(expected.keySet());
      paths.addAll(actual.keySet());
      for (String path : paths) {
        kind(expected.get(path), actual.get(path))
            .ifPresent(kind -> differences.add(new Difference(kind, node, path, expected.get(path), actual.get(path))));
      }
    }
    return new GoldenComparison(differences, compiled.nodes().size(), compiled.fileCount());
  }

  private static Optional<Kind> kind(byte[] golden, byte[] compiled) {
    if (golden == null) {
      return Optional.of(Kind.MISSING);
    }
    if (compiled == null) {
      return Optional.of(Kind.EXTRA);
    }
    return Arrays.equals(golden, compiled) ? Optional.empty() : Optional.of(Kind.CHANGED);
  }

  /** Whether the compiled output equals golden byte for byte, with no missing or extra file. */
  public boolean matches() {
    return differences.isEmpty();
  }

  public List<Difference> differences() {
    return differences;
  }

  /** The files of {@code kind}, as {@code node/path}. */
  public List<String> files(Kind kind) {
    return differences.stream().filter(d -> d.kind() == kind).map(Difference::file).toList();
  }

  /** One line: how many files match, or how many differ, are missing and are extra. */
  public String summary() {
    if (matches()) {
      return files + (files == 1 ? " file" : " files") + " of " + nodes + (nodes == 1 ? " node" : " nodes")
          + " match";
    }
    return count(files(Kind.CHANGED).size(), "differs", "differ") + ", "
        + files(Kind.MISSING).size() + " missing, " + files(Kind.EXTRA).size() + " extra";
  }

  private static String count(int n, String one, String many) {
    return n + (n == 1 ? " file " + one : " files " + many);
  }

  /**
   * The differences for a person: a unified diff per changed file (from {@code goldenLabel/node/path}
   * to {@code compiled/node/path}), then a line per missing and per extra file. Empty when it matches.
   */
  public String report(String goldenLabel) {
    StringBuilder out = new StringBuilder();
    for (Difference d : differences) {
      if (d.kind() == Kind.CHANGED) {
        out.append(diff(goldenLabel + "/" + d.file(), "compiled/" + d.file(), d.golden(), d.compiled()));
      }
    }
    for (String file : files(Kind.MISSING)) {
      out.append("missing: ").append(file).append(" (compiled, but not in ").append(goldenLabel).append(")\n");
    }
    for (String file : files(Kind.EXTRA)) {
      out.append("extra: ").append(file).append(" (in ").append(goldenLabel).append(", but no longer compiled)\n");
    }
    return out.toString();
  }

  private static String diff(String fromLabel, String toLabel, byte[] from, byte[] to) {
    Optional<String> a = utf8(from);
    Optional<String> b = utf8(to);
    if (a.isEmpty() || b.isEmpty()) {
      return "Binary files " + fromLabel + " and " + toLabel + " differ\n";
    }
    return UnifiedDiff.of(fromLabel, toLabel, a.get(), b.get());
  }

  private static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8.newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
