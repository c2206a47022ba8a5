package dev.bent.cli;

import dev.bent.Meshes;
import dev.bent.emit.EmitterComparison;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The direct emitter writes the bytes of the Jackson reference for the fuzz corpus: the samples and
 * test meshes with random edits, wherever the edited mesh still compiles.
 */
class MutatedMeshEmitTest {
  @Provide
  Arbitrary<String> mutatedMeshes() {
    return Mutations.of(Arbitraries.of(meshes()));
  }

  @Property(tries = 400)
  void aMutatedMeshThatCompilesEmitsTheReferenceBytes(@ForAll("mutatedMeshes") String text) {
    // The samples' directory holds the files they name (htpasswd, certificates); nothing is written.
    int compared = EmitterComparison.compareText(text, Meshes.projectRoot().resolve("samples"));
    Statistics.collect(compared < 0 ? "refused" : "compiled");
    Statistics.coverage(c -> c.check("compiled").percentage(p -> p > 15));
  }

  /** Every sample and test mesh, as MeshFuzzTest mutates them. */
  private static List<String> meshes() {
    List<String> out = new ArrayList<>();
    for (String dir : List.of("samples", "bent-compiler/src/test/resources/dev/bent/golden")) {
      try (Stream<Path> files = Files.list(Meshes.projectRoot().resolve(dir))) {
        for (Path mesh : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
          out.add(Files.readString(mesh));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
