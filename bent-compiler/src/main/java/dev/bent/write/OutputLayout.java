package dev.bent.write;

import java.nio.file.Path;

/**
 * Where each node's directory is written and the absolute path at which Envoy sees it.
 *
 * <p>With a single node the output directory is the node directory itself (the init-container
 * case); otherwise each node gets {@code output/<node>/}. {@code envoyBase} is the path Envoy sees
 * for {@code output}: the output's own absolute path unless {@code --envoy-dir} says otherwise.
 */
public record OutputLayout(Path output, String envoyBase, boolean single) {

  /**
   * The layout for {@code output}.
   *
   * @param envoyDir where Envoy sees {@code output}, or null for {@code output}'s absolute path
   * @param single whether exactly one node is written, into {@code output} itself
   * @throws IllegalArgumentException if {@code envoyDir} is not absolute
   */
  public static OutputLayout of(Path output, String envoyDir, boolean single) {
    String base;
    if (envoyDir == null) {
      base = output.toAbsolutePath().normalize().toString();
    } else {
      if (!envoyDir.startsWith("/")) {
        throw new IllegalArgumentException(
            "--envoy-dir must be an absolute path, got \"" + envoyDir + "\"");
      }
      base = Path.of(envoyDir).normalize().toString();
    }
    return new OutputLayout(output, base, single);
  }

  /** The directory that {@code node}'s files are written to. */
  public Path directory(String node) {
    return single ? output : output.resolve(node);
  }

  /** The absolute directory at which Envoy on {@code node} sees its files. */
  public String envoyDir(String node) {
    return single ? envoyBase : (envoyBase.equals("/") ? "/" + node : envoyBase + "/" + node);
  }
}
