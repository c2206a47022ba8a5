package dev.bent.maven;

import dev.bent.Compiler;
import dev.bent.golden.GoldenFormat;
import dev.bent.write.NodeDirectoryWriter;
import dev.bent.write.OutputLayout;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code bent:compile}: compiles the mesh file into {@code outputDirectory/<node>/}, each node as
 * Envoy will see it under {@code envoyDir/<node>}.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public final class CompileMojo extends MeshMojo {
  /** Where the node directories are written. */
  @Parameter(property = "bent.outputDirectory", defaultValue = "${project.build.directory}/bent")
  private File outputDirectory;

  /** The absolute directory at which Envoy sees the output; fixed so builds do not depend on paths. */
  @Parameter(property = "bent.envoyDir", defaultValue = GoldenFormat.ENVOY_BASE)
  private String envoyDir;

  /** Skips this goal only. */
  @Parameter(property = "bent.compile.skip", defaultValue = "false")
  private boolean skipCompile;

  @Override
  String goal() {
    return "compile";
  }

  @Override
  boolean skipGoal() {
    return skipCompile;
  }

  @Override
  void run() throws IOException {
    String base = envoyDir.replaceAll("/+$", "");
    Compiler.Compilation compilation = compile(node -> base + "/" + node);
    NodeDirectoryWriter.writeAll(compilation.nodes().values(), new OutputLayout(outputDirectory.toPath(), base, false));
    getLog().info("bent: compiled " + compilation.nodes().size() + " nodes into " + shown(outputDirectory));
  }
}
