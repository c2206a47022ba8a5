package dev.bent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bent.diag.Diagnostics;
import dev.bent.emit.NodeFiles;
import dev.bent.model.Mesh;
import dev.bent.resolve.Credentials;
import dev.bent.source.MeshFileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compile that reuses the previous compile's memo (as a watch does) writes exactly the bytes
 * of a compile from nothing, whatever changed in between.
 */
class CompileMemoTest {
  private static final Pattern ADDRESS = Pattern.compile("(address: \"?\\d+\\.\\d+\\.\\d+\\.)(\\d+)");

  @TempDir Path dir;

  @Test
  void aWatchLikeSeriesOfCompilesWithOneMemoMatchesFreshCompilesByteForByte() throws Exception {
    List<Path> samples;
    try (Stream<Path> list = Files.list(Meshes.projectRoot().resolve("samples"))) {
      samples = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    for (Path sample : samples) {
      CompileMemo memo = new CompileMemo();
      String original = Files.readString(sample);
      for (String version : versions(original)) {
        Path copy = copySample(sample, version);
        Compiler.Compilation reused = compile(copy, memo);
        Compiler.Compilation fresh = compile(copy, new CompileMemo());
        assertEquals(fresh.nodes().keySet(), reused.nodes().keySet(), sample.toString());
        for (Map.Entry<String, NodeFiles> node : fresh.nodes().entrySet()) {
          NodeFiles other = reused.nodes().get(node.getKey());
          assertEquals(node.getValue().files().keySet(), other.files().keySet());
          for (Map.Entry<String, byte[]> file : node.getValue().files().entrySet()) {
            assertArrayEquals(file.getValue(), other.files().get(file.getKey()),
                sample.getFileName() + " " + node.getKey() + "/" + file.getKey());
          }
        }
      }
    }
  }

  /** The sample, then each of its first endpoint addresses moved in turn, then the sample again. */
  private static List<String> versions(String original) {
    List<String> versions = new ArrayList<>(List.of(original));
    Matcher m = ADDRESS.matcher(original);
    for (int i = 0; i < 3 && m.find(); i++) {
      int octet = Integer.parseInt(m.group(2));
      versions.add(original.substring(0, m.start(2)) + (octet % 250 + 1) + original.substring(m.end(2)));
    }
    versions.add(original.replace("healthcheck.path: /healthz", "healthcheck.path: /ready"));
    versions.add(original);
    return versions;
  }

  /** The sample's text in a directory beside copies of the files it names (certificates, htpasswd). */
  private Path copySample(Path sample, String text) throws Exception {
    Path samples = sample.getParent();
    Path target = dir.resolve(samples.getFileName());
    if (!Files.exists(target)) {
      TempTrees.copy(samples, target);
    }
    Path mesh = target.resolve(sample.getFileName());
    Files.writeString(mesh, text);
    return mesh;
  }

  private static Compiler.Compilation compile(Path mesh, CompileMemo memo) {
    Diagnostics diagnostics = new Diagnostics();
    Mesh read = MeshFileReader.read(mesh, mesh.toString(), diagnostics);
    return Compiler.compile(read, diagnostics, List.of(), n -> "/etc/envoy/" + n, Credentials.beside(mesh), memo);
  }
}
