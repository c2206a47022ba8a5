package dev.bent.maven;

import dev.bent.golden.GoldenComparison;
import java.io.IOException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code bent:check}: compiles the mesh in memory and compares it with the golden directory; a
 * difference fails the build with a unified diff and the command that accepts it ({@code mvn
 * bent:update}).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class CheckMojo extends GoldenMojo {
  /** Skips this goal only. */
  @Parameter(property = "bent.check.skip", defaultValue = "false")
  private boolean skipCheck;

  @Override
  String goal() {
    return "check";
  }

  @Override
  boolean skipGoal() {
    return skipCheck;
  }

  @Override
  void run() throws MojoFailureException, IOException {
    GoldenComparison comparison = GoldenComparison.of(compileForGolden(), goldenDirectory.toPath(), nodes);
    String golden = shown(goldenDirectory);
    if (comparison.matches()) {
      getLog().info("bent: " + golden + " is up to date: " + comparison.summary());
      return;
    }
    String absent = goldenDirectory.isDirectory() ? "" : " (the directory does not exist)";
    throw new MojoFailureException(
        "bent: the output of " + shown(mesh) + " differs from the golden files in " + golden + absent + ": "
            + comparison.summary() + "\n"
            + comparison.report(golden)
            + "bent: if the change is intended, run 'mvn bent:update' to rewrite " + golden
            + ", then review and commit the change.");
  }
}
