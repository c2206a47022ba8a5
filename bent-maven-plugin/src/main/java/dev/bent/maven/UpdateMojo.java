package dev.bent.maven;

import dev.bent.golden.GoldenWriter;
import java.io.IOException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code bent:update}: rewrites the golden directory with what the mesh compiles to now, removing
 * stale files (with {@code bent.nodes}, only those nodes' directories are touched). Not bound to a
 * phase: run it by hand, then review the change.
 */
@Mojo(name = "update", threadSafe = true)
public final class UpdateMojo extends GoldenMojo {
  /** Skips this goal only. */
  @Parameter(property = "bent.update.skip", defaultValue = "false")
  private boolean skipUpdate;

  @Override
  String goal() {
    return "update";
  }

  @Override
  boolean skipGoal() {
    return skipUpdate;
  }

  @Override
  void run() throws IOException {
    GoldenWriter.Result result = GoldenWriter.update(compileForGolden(), goldenDirectory.toPath(), nodes);
    getLog().info(
        "bent: updated " + shown(goldenDirectory) + ": " + result.written() + " written, " + result.removed()
            + " removed, " + result.unchanged() + " unchanged");
  }
}
