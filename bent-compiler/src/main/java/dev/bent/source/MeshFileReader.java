package dev.bent.source;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.Location;
import dev.bent.model.Annotation;
import dev.bent.model.EndpointEntry;
import dev.bent.model.Mesh;
import dev.bent.model.MeshSettings;
import dev.bent.model.NodeEntry;
import dev.bent.model.ServiceEntry;
import dev.bent.source.YamlNode.Entry;
import dev.bent.source.YamlNode.MapNode;
import dev.bent.source.YamlNode.Scalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The file source: reads a mesh YAML file (the format of the seed's file provider, plus the
 * {@code mesh:} section) into a {@link Mesh}. Shape and type errors are collected, with
 * file:line:column; meaning (annotations, references, duplicates) is checked by the resolver.
 */
public final class MeshFileReader {
  private static final Set<String> TOP_KEYS = Set.of("mesh", "services", "nodes");
  private static final Set<String> SERVICE_KEYS = Set.of("name", "annotations", "endpoints", "routes");
  private static final Set<String> NODE_SERVICE_KEYS = Set.of("name", "annotations", "endpoints");
  private static final Set<String> ENDPOINT_KEYS = Set.of("address", "port", "annotations");

  private final Diagnostics diagnostics;
  private final NodeChecks check;
  /** Reading an overlay: no nodes and no endpoints, which a live source owns. */
  private final boolean overlay;

  private MeshFileReader(Diagnostics diagnostics, boolean overlay) {
    this.diagnostics = diagnostics;
    this.check = new NodeChecks(diagnostics);
    this.overlay = overlay;
  }

  /**
   * Reads a mesh file used as an overlay on a live source ({@code --overlay}): its {@code mesh:}
   * section and its services' annotations and routes. Nodes and endpoints belong to the scan, so
   * the file must have neither.
   */
  public static Mesh readOverlay(java.nio.file.Path file, Diagnostics diagnostics) {
    String origin = file.toString();
    String text;
    try {
      text = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      diagnostics.error(Location.of(origin), "cannot read the overlay file: "
          + (e instanceof java.nio.file.NoSuchFileException ? "not found" : describe(e)));
      return new Mesh(origin, MeshSettings.defaults(Location.of(origin)), List.of(), List.of());
    }
    MeshFileReader reader = new MeshFileReader(diagnostics, true);
    Optional<YamlNode> root = YamlTreeReader.read(origin, text, diagnostics);
    if (root.isEmpty() || (root.get() instanceof Scalar s && s.isNull())) {
      return new Mesh(origin, MeshSettings.defaults(Location.of(origin, 1, 1)), List.of(), List.of());
    }
    return reader.mesh(origin, root.get());
  }

  /**
   * Reads the mesh file at {@code file}; {@code origin} is how messages name it. A file that is
   * missing or unreadable is reported like any other input error.
   */
  public static Mesh read(java.nio.file.Path file, String origin, Diagnostics diagnostics) {
    Optional<String> text;
    try {
      text = YamlLimits.readText(file, origin, diagnostics);
    } catch (java.nio.file.NoSuchFileException e) {
      diagnostics.error(Location.of(origin), "mesh file not found");
      return empty(origin);
    } catch (java.io.IOException e) {
      diagnostics.error(Location.of(origin), "cannot read mesh file: " + describe(e));
      return empty(origin);
    }
    if (text.isEmpty()) {
      return empty(origin);
    }
    return parse(origin, text.get(), diagnostics);
  }

  private static Mesh empty(String origin) {
    return new Mesh(origin, MeshSettings.defaults(Location.of(origin)), List.of(), List.of());
  }


  private static String describe(java.io.IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * Parses mesh YAML. Problems go to {@code diagnostics}; the returned mesh holds whatever could be
   * read, so that later steps can report their own problems in the same run.
   */
  public static Mesh parse(String origin, String text, Diagnostics diagnostics) {
    MeshFileReader reader = new MeshFileReader(diagnostics, false);
    Location start = Location.of(origin, 1, 1);
    Optional<YamlNode> root = YamlTreeReader.read(origin, text, diagnostics);
    if (root.isEmpty()) {
      return new Mesh(origin, MeshSettings.defaults(start), List.of(), List.of());
    }
    return reader.mesh(origin, root.get());
  }

  private Mesh mesh(String origin, YamlNode root) {
    Location start = Location.of(origin, 1, 1);
    if (root instanceof Scalar scalar && scalar.isNull()) {
      diagnostics.error(start, "the mesh file is empty; it needs at least \"nodes:\"");
      return new Mesh(origin, MeshSettings.defaults(start), List.of(), List.of());
    }
    Optional<MapNode> top = check.map(root, "the mesh file");
    if (top.isEmpty()) {
      return new Mesh(origin, MeshSettings.defaults(start), List.of(), List.of());
    }
    MapNode map = top.get();
    check.onlyKnownKeys(map, "the mesh file", TOP_KEYS);
    MeshSettings settings =
        value(map, "mesh").map(new MeshSettingsReader(diagnostics)::read).orElse(MeshSettings.defaults(start));
    List<ServiceEntry> services = new ArrayList<>();
    value(map, "services")
        .ifPresent(
            node -> check.listOrEmpty(node, "services").forEach(s -> service(s, null, services)));
    List<NodeEntry> nodes = new ArrayList<>();
    Optional<YamlNode> nodesNode = value(map, "nodes");
    if (overlay) {
      nodesNode.ifPresent(n -> diagnostics.error(map.entries().get("nodes").keyLocation(),
          "an overlay has no \"nodes:\": the scan owns nodes and endpoints"));
    } else if (nodesNode.isEmpty()) {
      diagnostics.error(map.location(), "the mesh file needs \"nodes:\" (a map of node names)");
    } else if (!(nodesNode.get() instanceof Scalar s && s.isNull())) {
      check.map(nodesNode.get(), "nodes").ifPresent(m -> nodes(m, nodes));
    }
    return new Mesh(origin, settings, services, nodes);
  }

  private void nodes(MapNode map, List<NodeEntry> out) {
    for (Entry entry : map.entries().values()) {
      List<ServiceEntry> services = new ArrayList<>();
      check
          .listOrEmpty(entry.value(), "node \"" + entry.key() + "\"")
          .forEach(s -> service(s, entry.key(), services));
      out.add(new NodeEntry(entry.key(), services, entry.keyLocation()));
    }
  }

  /** {@code node}: the node the service is listed under, or null under {@code services:}. */
  private void service(YamlNode node, String owner, List<ServiceEntry> out) {
    Optional<MapNode> found = check.map(node, "a service");
    if (found.isEmpty()) {
      return;
    }
    MapNode map = found.get();
    if (owner == null) {
      check.onlyKnownKeys(map, "a service", SERVICE_KEYS);
    } else {
      // "routes" under a node gets its own message below.
      java.util.Map<String, Entry> others = new java.util.LinkedHashMap<>(map.entries());
      others.remove("routes");
      check.onlyKnownKeys(new MapNode(map.location(), others), "a service", NODE_SERVICE_KEYS);
    }
    Optional<String> name = value(map, "name").flatMap(n -> check.text(n, "service name"));
    if (value(map, "name").isEmpty()) {
      check.missing(map, "name", "a service");
    }
    List<Annotation> annotations = annotations(map);
    List<EndpointEntry> endpoints = new ArrayList<>();
    List<YamlNode> items =
        value(map, "endpoints").map(n -> check.listOrEmpty(n, "endpoints")).orElse(List.of());
    if (overlay && !items.isEmpty()) {
      diagnostics.error(map.entries().get("endpoints").keyLocation(),
          "an overlay service lists no endpoints: the scan owns nodes and endpoints");
    }
    items.forEach(e -> endpoint(e, endpoints));
    if (owner != null && items.isEmpty() && name.isPresent()) {
      diagnostics.error(
          map.location(),
          "service \"" + name.get() + "\" on node \"" + owner + "\" lists no endpoints;"
              + " a node's service needs the address and port of its application");
    }
    Optional<List<dev.bent.model.RouteEntry>> routes = Optional.empty();
    Optional<YamlNode> routesNode = value(map, "routes");
    if (routesNode.isPresent() && owner != null) {
      diagnostics.error(map.entries().get("routes").keyLocation(), "routes belong to the service, not to one node:"
          + " write them on the service's entry under \"services:\"");
    } else if (routesNode.isPresent()) {
      routes = Optional.of(new RouteReader(diagnostics).read(name.orElse(""), routesNode.get()));
    }
    Optional<List<dev.bent.model.RouteEntry>> read = routes;
    name.ifPresent(n -> out.add(new ServiceEntry(n, annotations, endpoints, read, map.location())));
  }

  private void endpoint(YamlNode node, List<EndpointEntry> out) {
    Optional<MapNode> found = check.map(node, "an endpoint");
    if (found.isEmpty()) {
      return;
    }
    MapNode map = found.get();
    check.onlyKnownKeys(map, "an endpoint", ENDPOINT_KEYS);
    Optional<String> address = value(map, "address").flatMap(n -> check.text(n, "address"));
    if (value(map, "address").isEmpty()) {
      check.missing(map, "address", "an endpoint");
    }
    OptionalInt port = value(map, "port").map(n -> check.port(n, "port")).orElse(OptionalInt.empty());
    if (value(map, "port").isEmpty()) {
      check.missing(map, "port", "an endpoint");
    }
    List<Annotation> annotations = annotations(map);
    if (address.isPresent() && port.isPresent()) {
      out.add(new EndpointEntry(address.get(), port.getAsInt(), annotations, map.location()));
    }
  }

  private List<Annotation> annotations(MapNode owner) {
    Optional<YamlNode> node = value(owner, "annotations");
    if (node.isEmpty() || (node.get() instanceof Scalar s && s.isNull())) {
      return List.of();
    }
    Optional<MapNode> map = check.map(node.get(), "annotations");
    if (map.isEmpty()) {
      return List.of();
    }
    List<Annotation> out = new ArrayList<>();
    for (Entry entry : map.get().entries().values()) {
      if (entry.value() instanceof Scalar scalar) {
        out.add(new Annotation(entry.key(), scalar.text(), entry.keyLocation()));
      } else {
        diagnostics.error(
            entry.value().location(),
            "annotation \""
                + entry.key()
                + "\" must be a string or a number, got "
                + entry.value().kindName());
      }
    }
    return out;
  }

  private static Optional<YamlNode> value(MapNode map, String key) {
    Entry entry = map.entries().get(key);
    return entry == null ? Optional.empty() : Optional.of(entry.value());
  }
}
