package dev.bent.validate;

import com.google.protobuf.Message;
import dev.bent.diag.Diagnostic;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loader of one node's Envoy configuration from disk: the bootstrap and every filesystem-xDS file
 * that it, its listeners and its clusters name (LDS, CDS, the RDS file of each connection manager
 * and the SDS file of each secret a TLS context names), parsed
 * as Envoy parses them into a {@link NodeConfig}. Problems met while reading are collected, not
 * thrown.
 *
 * <p>The bootstrap names files by their absolute path as Envoy sees them ({@code
 * /etc/envoy/beta/lds.yaml}), which need not be where they lie on this machine. A named path is
 * looked up (1) relative to the bootstrap's own directory, by taking it relative to the node
 * directory as Envoy sees it (the watched directory of lds_config, else of cds_config, else the
 * directory of the LDS or CDS file), then (2) as the literal absolute path, then (3) as the longest
 * trailing part of the path under the bootstrap's directory ({@code /etc/envoy/secrets/x.yaml} as
 * {@code secrets/x.yaml}, for a node that subscribes only to SDS files). A file found nowhere is
 * left out of the result, and {@link NodeConfigChecker} reports it missing.
 */
public final class ConfigLoader {
  private static final String HCM = HttpConnectionManager.getDescriptor().getFullName();

  /**
   * A loaded node.
   *
   * @param config the node; null when the bootstrap itself could not be read
   * @param problems read and parse errors, and warnings about forms Envoy accepts, by local name
   * @param localNames the local name of each file that was found, by the path Envoy sees
   */
  public record Loaded(NodeConfig config, List<Diagnostic> problems, Map<String, String> localNames) {
    /** Copies the lists. */
    public Loaded {
      problems = List.copyOf(problems);
      localNames = Collections.unmodifiableMap(new LinkedHashMap<>(localNames));
    }

    /** The local name of the file Envoy sees at {@code envoyPath}, else {@code envoyPath} itself. */
    public String localName(String envoyPath) {
      return localNames.getOrDefault(envoyPath, envoyPath);
    }
  }

  private final Path localDir;
  private final String envoyDir;
  private final List<Diagnostic> problems;
  private final Map<String, List<Message>> files = new LinkedHashMap<>();
  private final Set<String> unreadable = new HashSet<>();
  private final Map<String, String> localNames = new LinkedHashMap<>();

  private ConfigLoader(Path localDir, String envoyDir, List<Diagnostic> problems) {
    this.localDir = localDir;
    this.envoyDir = envoyDir;
    this.problems = problems;
  }

  /** Loads the bootstrap at {@code bootstrapFile} and the files it names, directly or not. */
  public static Loaded load(Path bootstrapFile) {
    List<Diagnostic> problems = new ArrayList<>();
    String name = bootstrapFile.toString();
    Optional<Bootstrap> read = EnvoyFileReader.bootstrap(bootstrapFile, name, problems);
    if (read.isEmpty()) {
      return new Loaded(null, problems, Map.of());
    }
    Bootstrap bootstrap = read.get();
    Path parent = bootstrapFile.getParent();
    ConfigLoader loader =
        new ConfigLoader(parent == null ? Path.of("") : parent, envoyNodeDir(bootstrap).orElse(null), problems);
    var dynamic = bootstrap.getDynamicResources();
    loader.subscribe(dynamic.getLdsConfig());
    loader.subscribe(dynamic.getCdsConfig());
    loader.routesOf(bootstrap.getStaticResources());
    loader.secretsOf(bootstrap.getStaticResources());
    List<Message> listeners = loader.files.get(dynamic.getLdsConfig().getPathConfigSource().getPath());
    if (listeners != null) {
      listeners.forEach(loader::routesOf);
      listeners.forEach(loader::secretsOf);
    }
    List<Message> clusters = loader.files.get(dynamic.getCdsConfig().getPathConfigSource().getPath());
    if (clusters != null) {
      clusters.forEach(loader::secretsOf);
    }
    NodeConfig config = new NodeConfig(name, bootstrap, loader.files, loader.unreadable);
    return new Loaded(config, problems, loader.localNames);
  }

  /**
   * The node directory as Envoy sees it: the watched directory of lds_config or cds_config, else
   * the directory of the LDS or CDS file; empty when the bootstrap subscribes to no file.
   */
  static Optional<String> envoyNodeDir(Bootstrap bootstrap) {
    var dynamic = bootstrap.getDynamicResources();
    List<ConfigSource> sources = List.of(dynamic.getLdsConfig(), dynamic.getCdsConfig());
    for (ConfigSource source : sources) {
      String watched = source.getPathConfigSource().getWatchedDirectory().getPath();
      if (!watched.isEmpty()) {
        return Optional.of(trimSlash(watched));
      }
    }
    for (ConfigSource source : sources) {
      String path = source.getPathConfigSource().getPath();
      int slash = path.lastIndexOf('/');
      if (slash >= 0) {
        return Optional.of(slash == 0 ? "/" : path.substring(0, slash));
      }
    }
    return Optional.empty();
  }

  private static String trimSlash(String path) {
    String trimmed = path;
    while (trimmed.length() > 1 && trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }

  /** Loads the RDS file of every connection manager inside {@code message}. */
  private void routesOf(Message message) {
    for (TypedConfigFinder.Found found : TypedConfigFinder.find(message, "", Set.of(HCM))) {
      HttpConnectionManager hcm = (HttpConnectionManager) found.config();
      if (hcm.hasRds()) {
        subscribe(hcm.getRds().getConfigSource());
      }
    }
  }

  /** Loads the SDS file of every secret that a TLS context inside {@code message} names. */
  private void secretsOf(Message message) {
    for (TypedConfigFinder.Found found : TypedConfigFinder.findMessages(message, "", SecretFileCheck.TYPES)) {
      SdsSecretConfig secret = (SdsSecretConfig) found.config();
      if (secret.hasSdsConfig()) {
        subscribe(secret.getSdsConfig());
      }
    }
  }

  private void subscribe(ConfigSource source) {
    String envoyPath = source.getPathConfigSource().getPath();
    if (envoyPath.isEmpty() || files.containsKey(envoyPath) || unreadable.contains(envoyPath)) {
      return;
    }
    Optional<Path> local = locate(envoyPath);
    if (local.isEmpty()) {
      return;
    }
    String name = local.get().toString();
    localNames.put(envoyPath, name);
    Optional<List<Message>> resources = EnvoyFileReader.resources(local.get(), name, problems);
    if (resources.isPresent()) {
      files.put(envoyPath, resources.get());
    } else {
      unreadable.add(envoyPath);
    }
  }

  /** Where the file Envoy sees at {@code envoyPath} lies on this machine, if anywhere. */
  Optional<Path> locate(String envoyPath) {
    if (envoyDir != null) {
      String prefix = envoyDir.equals("/") ? "/" : envoyDir + "/";
      if (envoyPath.startsWith(prefix)) {
        Path relative = localDir.resolve(envoyPath.substring(prefix.length()));
        if (Files.exists(relative)) {
          return Optional.of(relative);
        }
      }
    }
    Path literal = Path.of(envoyPath);
    if (literal.isAbsolute() && Files.exists(literal)) {
      return Optional.of(literal);
    }
    return bySuffix(literal);
  }

  /** The longest trailing part of {@code envoyPath} that names a file under the bootstrap's directory. */
  private Optional<Path> bySuffix(Path envoyPath) {
    for (int from = 0; from < envoyPath.getNameCount(); from++) {
      Path candidate = localDir.resolve(envoyPath.subpath(from, envoyPath.getNameCount()).toString());
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
