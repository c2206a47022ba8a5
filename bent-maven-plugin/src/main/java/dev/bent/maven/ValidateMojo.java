package dev.bent.maven;

import dev.bent.diag.Diagnostic;
import dev.bent.validate.ConfigValidator;
import dev.bent.validate.Profile;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code bent:validate}: validates a directory of Envoy configuration, by default what {@code
 * bent:compile} wrote, the way {@code bent validate} does: every node's bootstrap and the files it
 * names are parsed strictly, checked against Envoy's protoc-gen-validate rules, and checked as a
 * whole, with bent's layout policy ({@code --profile bent}), since the directory is bent's output.
 * A problem fails the build with one line per problem.
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
    List<Path> nodes = nodeDirectories(outputDirectory.toPath());
    List<Diagnostic> diagnostics = new ArrayList<>();
    int files = 0;
    for (Path node : nodes) {
      ConfigValidator.Report report = ConfigValidator.validate(node, Profile.BENT);
      diagnostics.addAll(report.diagnostics());
      files += report.files().size();
    }
    String shown = shown(outputDirectory);
    diagnostics.stream().filter(d -> !d.isError()).forEach(d -> getLog().warn(d.toString()));
    List<Diagnostic> errors = diagnostics.stream().filter(Diagnostic::isError).toList();
    if (!errors.isEmpty()) {
      throw new MojoFailureException(
          "bent: the Envoy configuration in " + shown + " is invalid:\n" + lines(errors)
              + "\nbent: " + errors.size() + (errors.size() == 1 ? " error" : " errors"));
    }
    getLog().info("bent: " + shown + ": " + files + " files of " + nodes.size()
        + (nodes.size() == 1 ? " node" : " nodes") + " are valid Envoy configuration");
  }

  /** {@code directory} itself when it holds a bootstrap, else its subdirectories that do. */
  private static List<Path> nodeDirectories(Path directory) throws IOException {
    if (ConfigValidator.bootstrapIn(directory).isPresent()) {
      return List.of(directory);
    }
    if (!Files.isDirectory(directory)) {
      throw new java.nio.file.NoSuchFileException(directory.toString());
    }
    List<Path> nodes = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
      for (Path child : children) {
        if (!child.getFileName().toString().startsWith(".") && Files.isDirectory(child)) {
          nodes.add(child);
        }
      }
    }
    nodes.sort(null);
    return nodes;
  }
}
