package dev.bent.maven;

import dev.bent.validate.ConfigDirectoryCheck;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code bent:validate}: checks a directory of Envoy configuration, by default what {@code
 * bent:compile} wrote: every node's bootstrap and xDS files must parse strictly as Envoy's protos
 * (no unknown field, no unknown type). A problem fails the build with one line per file.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.PROCESS_RESOURCES, threadSafe = true)
public final class ValidateMojo extends AbstractBentMojo {
  /** The directory to check: a node directory, or a directory of node directories. */
  @Parameter(property = "bent.outputDirectory", defaultValue = "${project.build.directory}/bent", required = true)
  private File outputDirectory;

  /** Skips this goal only. */
  @Parameter(property = "bent.validate.skip", defaultValue = "false")
  private boolean skipValidate;

  @Override
  String goal() {
    return "validate";
  }

  @Override
  boolean skipGoal() {
    return skipValidate;
  }

  @Override
  void run() throws MojoFailureException, IOException {
    ConfigDirectoryCheck.Report report = ConfigDirectoryCheck.check(outputDirectory.toPath());
    String shown = shown(outputDirectory);
    if (!report.ok()) {
      int errors = report.errors().size();
      throw new MojoFailureException(
          "bent: the Envoy configuration in " + shown + " is invalid:\n" + lines(report.errors())
              + "\nbent: " + errors + (errors == 1 ? " error" : " errors"));
    }
    int nodes = report.nodeDirectories().size();
    getLog().info(
        "bent: " + shown + ": " + report.files() + " files of " + nodes + (nodes == 1 ? " node" : " nodes")
            + " parse as Envoy configuration");
  }
}
