package dev.bent.golden;

import dev.bent.Compiler;
import java.nio.file.Path;
import java.util.List;

/**
 * The golden format: how golden files are compiled and where they lie.
 *
 * <p>A golden directory holds one subdirectory per node, and in it the node's files as plain files
 * (no symlinks, no generations) under their relative paths:
 *
 * <pre>
 * golden/readme/alpha/bootstrap.yaml
 * golden/readme/alpha/cds.yaml
 * golden/readme/alpha/lds.yaml
 * golden/readme/alpha/rds/egress.yaml
 * golden/readme/alpha/rds/ingress.yaml
 * golden/readme/beta/...
 * </pre>
 *
 * <p>Reasoning: every golden compile sees node {@code X} at the fixed Envoy directory {@code
 * /etc/envoy/X}, so golden bytes never depend on where a checkout or a temporary directory lies (CI
 * clones elsewhere; {@code check} compiles in memory). The CLI, the Maven goals and the tests all
 * compile through {@link #compile}.
 */
public final class GoldenFormat {
  /** The Envoy directory under which every node of a golden compile is seen. */
  public static final String ENVOY_BASE = "/etc/envoy";

  private GoldenFormat() {}

  /** The absolute directory at which a golden compile says Envoy sees {@code node}. */
  public static String envoyDir(String node) {
    return ENVOY_BASE + "/" + node;
  }

  /**
   * Compiles {@code mesh} as golden files are compiled, in memory.
   *
   * @param nodes the nodes to compile; empty for every node
   * @throws dev.bent.diag.InvalidInputException when the mesh has errors
   */
  public static Compiler.Compilation compile(Path mesh, List<String> nodes) {
    return Compiler.compileFile(mesh, nodes, GoldenFormat::envoyDir);
  }
}
