package dev.bent.maven;

import dev.bent.Compiler;
import dev.bent.golden.GoldenFormat;
import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The base of {@code bent:check} and {@code bent:update}: the golden directory, compiled as every
 * golden compile is, with node {@code X} seen at {@code /etc/envoy/X}.
 */
abstract class GoldenMojo extends MeshMojo {
  /** The golden directory: one subdirectory per node, plain files, reviewed and committed. */
  @Parameter(property = "bent.goldenDirectory", defaultValue = "${project.basedir}/src/test/bent", required = true)
  File goldenDirectory;

  final Compiler.Compilation compileForGolden() {
    return compile(GoldenFormat::envoyDir);
  }
}
