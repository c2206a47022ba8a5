package dev.bent.maven;

import dev.bent.Compiler;
import dev.bent.diag.InternalException;
import dev.bent.diag.InvalidInputException;
import dev.bent.emit.NodeFiles;
import dev.bent.write.GenerationWriter;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code bent:compile}: compiles the mesh file into {@code outputDirectory/<node>/}, each node as
 * Envoy will see it under {@code envoyDir/<node>}.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public final class CompileMojo extends AbstractMojo {
  /** The mesh file. */
  @Parameter(property = "bent.mesh", defaultValue = "${project.basedir}/mesh.yaml", required = true)
  private File mesh;

  /** Nodes to compile; all when empty. */
  @Parameter(property = "bent.nodes")
  private List<String> nodes = new ArrayList<>();

  /** Where the node directories are written. */
  @Parameter(property = "bent.outputDirectory", defaultValue = "${project.build.directory}/bent")
  private File outputDirectory;

  /** The absolute directory at which Envoy sees the output; fixed so builds do not depend on paths. */
  @Parameter(property = "bent.envoyDir", defaultValue = "/etc/envoy")
  private String envoyDir;

  /** Skips the goal. */
  @Parameter(property = "bent.skip", defaultValue = "false")
  private boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("bent:compile skipped");
      return;
    }
    try {
      Compiler.Compilation compilation =
          Compiler.compileFile(mesh.toPath(), nodes, node -> envoyDir.replaceAll("/+$", "") + "/" + node);
      compilation.warnings().forEach(w -> getLog().warn(w.toString()));
      for (NodeFiles node : compilation.nodes().values()) {
        GenerationWriter.write(outputDirectory.toPath().resolve(node.node()), node.files());
      }
      getLog().info("bent: compiled " + compilation.nodes().size() + " nodes into " + outputDirectory);
    } catch (InvalidInputException e) {
      throw new MojoFailureException("bent: invalid mesh; nothing was written\n" + e.getMessage());
    } catch (InternalException e) {
      throw new MojoExecutionException(e.getMessage());
    } catch (IOException e) {
      throw new MojoExecutionException("bent: cannot write " + outputDirectory + ": " + e.getMessage(), e);
    }
  }
}
