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
      warning(file, field + ": not a path_config_source, so its resources are not checked");
      return null;
    }
    String path = path(source);
    if (!path.startsWith("/")) {
      warning(file, field + ".path_config_source.path: " + path + " is relative to Envoy's working directory;"
          + " an absolute path is safer");
    }
    if (!source.getPathConfigSource().hasWatchedDirectory()) {
      warning(file, field + ".path_config_source.watched_directory: not set, so only a rename onto this"
          + " very file reloads it, and the files of a node do not change together");
    } else if (!path.startsWith(source.getPathConfigSource().getWatchedDirectory().getPath() + "/")) {
      warning(file, field + ".path_config_source: " + path + " is not inside the watched directory, so a"
          + " swap there may not be what changes it");
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

  private void warning(String file, String message) {
    problems.add(Diagnostic.warning(Location.of(file), message));
  }

  private void error(String file, String message) {
    problems.add(Diagnostic.error(Location.of(file), message));
  }
}
