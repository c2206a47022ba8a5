package dev.bent.translate;

import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.PathConfigSource;
import io.envoyproxy.envoy.config.core.v3.WatchedDirectory;

/**
 * Filesystem config sources of one node directory, as Envoy sees it.
 *
 * <p>Reasoning: every source watches the node directory itself ({@code watched_directory}), so
 * the rename of {@code ..data} that publishes a generation reloads LDS, CDS and every RDS file at
 * once; a write inside the directory never does.
 */
public final class ConfigSources {
  private final String envoyDir;

  /** {@code envoyDir}: the absolute node directory as Envoy sees it (no trailing slash). */
  public ConfigSources(String envoyDir) {
    this.envoyDir = envoyDir.endsWith("/") && envoyDir.length() > 1
        ? envoyDir.substring(0, envoyDir.length() - 1)
        : envoyDir;
  }

  /** The node directory as Envoy sees it. */
  public String directory() {
    return envoyDir;
  }

  /** The source of the file at {@code relativePath} inside the node directory. */
  public ConfigSource file(String relativePath) {
    return ConfigSource.newBuilder()
        .setResourceApiVersion(ApiVersion.V3)
        .setPathConfigSource(
            PathConfigSource.newBuilder()
                .setPath(envoyDir + "/" + relativePath)
                .setWatchedDirectory(WatchedDirectory.newBuilder().setPath(envoyDir)))
        .build();
  }
}
