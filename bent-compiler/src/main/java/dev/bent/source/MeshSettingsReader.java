package dev.bent.source;

import dev.bent.diag.Diagnostics;
import dev.bent.model.MeshSettings;
import dev.bent.model.MeshSettings.Tracing;
import dev.bent.source.YamlNode.Entry;
import dev.bent.source.YamlNode.MapNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Reads the {@code mesh:} section of a mesh file into {@link MeshSettings}. */
final class MeshSettingsReader {
  static final Set<String> MESH_KEYS = Set.of("ports", "accessLog", "tracing", "gateways", "tls", "localClusters");
  static final Set<String> PORT_KEYS = Set.of("egress", "ingress", "prometheus", "admin");
  static final Set<String> ACCESS_LOG_KEYS = Set.of("enabled", "path");
  static final Set<String> TRACING_KEYS = Set.of("zipkin", "otel", "sampling");
  static final Set<String> COLLECTOR_KEYS = Set.of("address", "port", "path");
  static final Set<String> GATEWAY_KEYS = Set.of("node", "port", "basicAuth", "tls");
  static final Set<String> BASIC_AUTH_KEYS = Set.of("htpasswd", "users");
  static final Set<String> USER_KEYS = Set.of("name", "passwordEnv");
  static final String DEFAULT_ZIPKIN_PATH = "/api/v2/spans";

  private final Diagnostics diagnostics;
  private final NodeChecks check;

  MeshSettingsReader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
    this.check = new NodeChecks(diagnostics);
  }

  MeshSettings read(YamlNode node) {
    MeshSettings defaults = MeshSettings.defaults(node.location());
    Optional<MapNode> found = check.map(node, "mesh");
    if (found.isEmpty()) {
      return defaults;
    }
    MapNode map = found.get();
    check.onlyKnownKeys(map, "mesh", MESH_KEYS);
    return new MeshSettings(
        value(map, "ports").map(this::ports).orElse(defaults.ports()),
        value(map, "accessLog").map(this::accessLog).orElse(defaults.accessLog()),
        value(map, "tracing").flatMap(this::tracing),
        value(map, "gateways").map(this::gateways).orElse(List.of()),
        node.location(),
        value(map, "tls").flatMap(new TlsSettingsReader(diagnostics)::read),
        value(map, "localClusters").flatMap(this::localClusters).orElse(MeshSettings.LocalClusters.CDS));
  }

  private Optional<MeshSettings.LocalClusters> localClusters(YamlNode node) {
    java.util.LinkedHashMap<String, MeshSettings.LocalClusters> places = new java.util.LinkedHashMap<>();
    places.put("cds", MeshSettings.LocalClusters.CDS);
    places.put("bootstrap", MeshSettings.LocalClusters.BOOTSTRAP);
    return check.choice(node, "mesh.localClusters", places);
  }


  private MeshSettings.Ports ports(YamlNode node) {
    MeshSettings.Ports d = MeshSettings.Ports.defaults();
    Optional<MapNode> map = check.map(node, "mesh.ports");
    if (map.isEmpty()) {
      return d;
    }
    check.onlyKnownKeys(map.get(), "mesh.ports", PORT_KEYS);
    return new MeshSettings.Ports(
        port(map.get(), "egress", "mesh.ports.egress").orElse(d.egress()),
        port(map.get(), "ingress", "mesh.ports.ingress").orElse(d.ingress()),
        port(map.get(), "prometheus", "mesh.ports.prometheus").orElse(d.prometheus()),
        port(map.get(), "admin", "mesh.ports.admin").orElse(d.admin()));
  }

  private MeshSettings.AccessLog accessLog(YamlNode node) {
    Optional<MapNode> map = check.map(node, "mesh.accessLog");
    if (map.isEmpty()) {
      return MeshSettings.AccessLog.defaults();
    }
    check.onlyKnownKeys(map.get(), "mesh.accessLog", ACCESS_LOG_KEYS);
    boolean enabled = value(map.get(), "enabled").map(n -> check.bool(n, "mesh.accessLog.enabled")).orElse(true);
    String path = absolutePath(map.get(), "path", "mesh.accessLog.path").orElse(MeshSettings.DEFAULT_ACCESS_LOG_PATH);
    return new MeshSettings.AccessLog(enabled, path);
  }

  private Optional<Tracing> tracing(YamlNode node) {
    Optional<MapNode> found = check.map(node, "mesh.tracing");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    MapNode map = found.get();
    check.onlyKnownKeys(map, "mesh.tracing", TRACING_KEYS);
    double sampling = value(map, "sampling").map(n -> check.percent(n, "mesh.tracing.sampling")).orElse(100.0);
    Optional<YamlNode> zipkin = value(map, "zipkin");
    Optional<YamlNode> otel = value(map, "otel");
    if (zipkin.isPresent() == otel.isPresent()) {
      diagnostics.error(map.location(), "mesh.tracing needs exactly one of \"zipkin\" or \"otel\"");
      return Optional.empty();
    }
    Tracing.Provider provider = zipkin.isPresent() ? Tracing.Provider.ZIPKIN : Tracing.Provider.OTEL;
    String what = "mesh.tracing." + (zipkin.isPresent() ? "zipkin" : "otel");
    Optional<MapNode> collector = check.map(zipkin.orElseGet(otel::get), what);
    if (collector.isEmpty()) {
      return Optional.empty();
    }
    check.onlyKnownKeys(collector.get(), what, provider == Tracing.Provider.ZIPKIN ? COLLECTOR_KEYS : Set.of("address", "port"));
    Optional<String> address = required(collector.get(), "address", what).flatMap(n -> check.text(n, what + ".address"));
    OptionalInt port = value(collector.get(), "port").map(n -> check.port(n, what + ".port"))
        .orElse(OptionalInt.of(provider == Tracing.Provider.ZIPKIN ? 9411 : 4317));
    String path = absolutePath(collector.get(), "path", what + ".path").orElse(DEFAULT_ZIPKIN_PATH);
    if (address.isEmpty() || port.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Tracing(provider, address.get(), port.getAsInt(), path, sampling, collector.get().location()));
  }

  private List<MeshSettings.Gateway> gateways(YamlNode node) {
    List<MeshSettings.Gateway> out = new ArrayList<>();
    for (YamlNode item : check.listOrEmpty(node, "mesh.gateways")) {
      check.map(item, "a gateway").ifPresent(map -> gateway(map).ifPresent(out::add));
    }
    return out;
  }

  private Optional<MeshSettings.Gateway> gateway(MapNode map) {
    check.onlyKnownKeys(map, "a gateway", GATEWAY_KEYS);
    Optional<String> node = required(map, "node", "a gateway").flatMap(n -> check.text(n, "gateway node"));
    OptionalInt port = port(map, "port", "gateway port");
    boolean badPort = value(map, "port").isPresent() && port.isEmpty();
    Optional<MapNode> auth = required(map, "basicAuth", "a gateway").flatMap(n -> check.map(n, "basicAuth"));
    if (node.isEmpty() || auth.isEmpty()) {
      return Optional.empty();
    }
    check.onlyKnownKeys(auth.get(), "basicAuth", BASIC_AUTH_KEYS);
    Optional<String> htpasswd = value(auth.get(), "htpasswd").flatMap(n -> check.text(n, "basicAuth.htpasswd"));
    List<MeshSettings.User> users = new ArrayList<>();
    value(auth.get(), "users").ifPresent(n -> check.listOrEmpty(n, "basicAuth.users")
        .forEach(u -> check.map(u, "a user").ifPresent(m -> user(m).ifPresent(users::add))));
    if (value(auth.get(), "htpasswd").isEmpty() && value(auth.get(), "users").isEmpty()) {
      diagnostics.error(auth.get().location(), "basicAuth needs \"htpasswd\" (a file) or \"users\"");
    }
    Optional<dev.bent.model.TlsSettings.NodeCertificate> tls = value(map, "tls")
        .flatMap(n -> new TlsSettingsReader(diagnostics).certificateFiles(n, "gateway tls"));
    // A gateway whose port could not be read is left out, so that no check reasons about a port
    // the file does not say.
    if (badPort) {
      return Optional.empty();
    }
    return Optional.of(new MeshSettings.Gateway(node.get(), port.orElse(0), htpasswd, users, map.location(), tls));
  }

  private Optional<MeshSettings.User> user(MapNode map) {
    check.onlyKnownKeys(map, "a user", USER_KEYS);
    Optional<String> name = required(map, "name", "a user").flatMap(n -> check.text(n, "user name"));
    Optional<String> env = required(map, "passwordEnv", "a user").flatMap(n -> check.text(n, "passwordEnv"));
    if (name.isPresent() && name.get().contains(":")) {
      diagnostics.error(map.location(), "user name \"" + name.get() + "\" must not contain ':'");
      return Optional.empty();
    }
    return name.isPresent() && env.isPresent()
        ? Optional.of(new MeshSettings.User(name.get(), env.get(), map.location()))
        : Optional.empty();
  }

  private OptionalInt port(MapNode map, String key, String what) {
    return value(map, key).map(n -> check.port(n, what)).orElse(OptionalInt.empty());
  }

  private Optional<String> absolutePath(MapNode map, String key, String what) {
    Optional<YamlNode> node = value(map, key);
    Optional<String> path = node.flatMap(n -> check.text(n, what));
    if (path.isPresent() && !path.get().startsWith("/")) {
      diagnostics.error(node.get().location(), what + " must be an absolute path, got \"" + path.get() + "\"");
      return Optional.empty();
    }
    return path;
  }

  private Optional<YamlNode> required(MapNode map, String key, String what) {
    return check.required(map, key, what);
  }

  static Optional<YamlNode> value(MapNode map, String key) {
    Entry entry = map.entries().get(key);
    return entry == null ? Optional.empty() : Optional.of(entry.value());
  }

}
