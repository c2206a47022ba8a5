package dev.bent.validate;

import com.google.protobuf.Message;
import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import java.util.List;

/**
 * Checks each filesystem subscription of one node as Envoy would when it subscribes (a
 * path_config_source with an absolute path inside a watched directory, naming a file that exists),
 * hands back the resources of that file, and counts the subscriptions.
 */
final class SubscriptionCheck {
  /** The node whose files are looked up; null when checking one file alone. */
  private final NodeConfig config;
  private final List<Diagnostic> problems;
  private int count;

  SubscriptionCheck(NodeConfig config, List<Diagnostic> problems) {
    this.config = config;
    this.problems = problems;
  }

  /** How many subscriptions were checked. */
  int count() {
    return count;
  }

  /**
   * The resources of the file {@code source} names, checking the source; null when they are not
   * available (missing, unreadable, or not looked up when checking one file).
   */
  List<Message> resources(String file, String field, ConfigSource source) {
    count++;
    if (!source.hasPathConfigSource()) {
      error(file, field + ": must be a path_config_source (the path field is deprecated)");
      return null;
    }
    String path = path(source);
    if (!path.startsWith("/")) {
      error(file, field + ".path_config_source.path: must be absolute, got " + path);
    }
    if (!source.getPathConfigSource().hasWatchedDirectory()) {
      error(file, field + ".path_config_source.watched_directory: must be set so that a generation swap"
          + " reloads the file");
    } else if (!path.startsWith(source.getPathConfigSource().getWatchedDirectory().getPath() + "/")) {
      error(file, field + ".path_config_source: " + path + " is not inside the watched directory");
    }
    if (config == null || config.unreadable().contains(path)) {
      return null;
    }
    List<Message> resources = config.files().get(path);
    if (resources == null) {
      error(file, field + ".path_config_source.path: " + path + " does not exist; Envoy needs it when it"
          + " subscribes");
    }
    return resources;
  }

  /** The file a config source names. */
  static String path(ConfigSource source) {
    return source.getPathConfigSource().getPath();
  }

  private void error(String file, String message) {
    problems.add(Diagnostic.error(Location.of(file), message));
  }
}
