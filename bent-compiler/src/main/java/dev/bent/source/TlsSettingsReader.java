package dev.bent.source;

import static dev.bent.source.MeshSettingsReader.value;

import dev.bent.diag.Diagnostics;
import dev.bent.model.TlsSettings;
import dev.bent.model.TlsSettings.FileRef;
import dev.bent.model.TlsSettings.Named;
import dev.bent.source.YamlNode.Entry;
import dev.bent.source.YamlNode.MapNode;
import dev.bent.source.YamlNode.Scalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code mesh.tls} section of a mesh file into {@link TlsSettings}. */
final class TlsSettingsReader {
  static final Set<String> TLS_KEYS = Set.of("mode", "trustDomain", "trustBundle", "certificates", "certificate", "key",
      "nodes",
      "keyOwner", "keyGroup", "expiryWarningDays", "allowedCallers");
  static final Set<String> NODE_CERTIFICATE_KEYS = Set.of("certificate", "key");
  /** A trust domain is a DNS-like name (SPIFFE: lowercase letters, digits, '.', '-', '_'). */
  private static final Pattern TRUST_DOMAIN = Pattern.compile("[a-z0-9._-]{1,255}");

  private final Diagnostics diagnostics;
  private final NodeChecks check;

  TlsSettingsReader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
    this.check = new NodeChecks(diagnostics);
  }

  Optional<TlsSettings> read(YamlNode node) {
    Optional<MapNode> found = check.map(node, "mesh.tls");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    MapNode map = found.get();
    check.onlyKnownKeys(map, "mesh.tls", TLS_KEYS);
    TlsSettings.Mode mode = value(map, "mode").flatMap(this::mode).orElse(TlsSettings.Mode.STRICT);
    Optional<String> trustDomain = required(map, "trustDomain").flatMap(n -> trustDomain(n));
    Optional<FileRef> bundle = required(map, "trustBundle").flatMap(n -> file(n, "mesh.tls.trustBundle"));
    Optional<FileRef> certificates = value(map, "certificates").flatMap(n -> file(n, "mesh.tls.certificates"));
    Optional<TlsSettings.NodeCertificate> everyNode = everyNode(map);
    Map<String, TlsSettings.NodeCertificate> nodes = value(map, "nodes").map(this::nodes).orElse(Map.of());
    if (value(map, "certificates").isPresent() && value(map, "certificate").isPresent()) {
      diagnostics.error(value(map, "certificate").get().location(), "mesh.tls has both \"certificates\" (a"
          + " directory of <node>.crt and <node>.key) and \"certificate\" (one path every node reads); keep one");
    } else if (value(map, "certificates").isEmpty() && value(map, "certificate").isEmpty()
        && value(map, "key").isEmpty() && value(map, "nodes").isEmpty()) {
      diagnostics.error(map.location(), "mesh.tls needs \"certificates\" (a directory of <node>.crt and"
          + " <node>.key), \"certificate\" and \"key\" (the paths every node reads its own files at) or \"nodes\""
          + " (the files of each node)");
    }
    OptionalInt owner = value(map, "keyOwner").map(n -> id(n, "mesh.tls.keyOwner")).orElse(OptionalInt.empty());
    OptionalInt group = value(map, "keyGroup").map(n -> id(n, "mesh.tls.keyGroup")).orElse(OptionalInt.empty());
    int days = value(map, "expiryWarningDays").map(n -> id(n, "mesh.tls.expiryWarningDays"))
        .orElse(OptionalInt.empty()).orElse(TlsSettings.DEFAULT_EXPIRY_WARNING_DAYS);
    Map<String, List<Named>> callers = value(map, "allowedCallers").map(this::allowedCallers).orElse(Map.of());
    if (trustDomain.isEmpty() || bundle.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TlsSettings(mode, trustDomain.get(), bundle.get(), certificates, everyNode, nodes, owner, group,
        days, callers, map.location()));
  }

  private Optional<TlsSettings.Mode> mode(YamlNode node) {
    java.util.LinkedHashMap<String, TlsSettings.Mode> modes = new java.util.LinkedHashMap<>();
    modes.put("strict", TlsSettings.Mode.STRICT);
    modes.put("permissive", TlsSettings.Mode.PERMISSIVE);
    return check.choice(node, "mesh.tls.mode", modes);
  }

  private Optional<String> trustDomain(YamlNode node) {
    Optional<String> text = check.text(node, "mesh.tls.trustDomain");
    if (text.isPresent() && !TRUST_DOMAIN.matcher(text.get()).matches()) {
      diagnostics.error(node.location(), "mesh.tls.trustDomain must be lowercase letters, digits, '.', '-'"
          + " or '_' (a SPIFFE trust domain), got \"" + text.get() + "\"");
      return Optional.empty();
    }
    return text.map(t -> t.toLowerCase(Locale.ROOT));
  }

  private Optional<FileRef> file(YamlNode node, String what) {
    return check.text(node, what).map(path -> new FileRef(path, node.location()));
  }

  /** {@code certificate} and {@code key} directly under {@code mesh.tls}: both or neither. */
  private Optional<TlsSettings.NodeCertificate> everyNode(MapNode map) {
    if (value(map, "certificate").isEmpty() && value(map, "key").isEmpty()) {
      return Optional.empty();
    }
    Optional<FileRef> cert = required(map, "certificate").flatMap(n -> file(n, "mesh.tls.certificate"));
    Optional<FileRef> key = required(map, "key").flatMap(n -> file(n, "mesh.tls.key"));
    return cert.isPresent() && key.isPresent()
        ? Optional.of(new TlsSettings.NodeCertificate(cert.get(), key.get()))
        : Optional.empty();
  }

  private Map<String, TlsSettings.NodeCertificate> nodes(YamlNode node) {
    Map<String, TlsSettings.NodeCertificate> out = new LinkedHashMap<>();
    Optional<MapNode> map = check.map(node, "mesh.tls.nodes");
    if (map.isEmpty()) {
      return out;
    }
    for (Entry entry : map.get().entries().values()) {
      String what = "mesh.tls.nodes." + entry.key();
      certificateFiles(entry.value(), what).ifPresent(files -> out.put(entry.key(), files));
    }
    return out;
  }

  /** {@code {certificate: FILE, key: FILE}}. */
  Optional<TlsSettings.NodeCertificate> certificateFiles(YamlNode node, String what) {
    Optional<MapNode> files = check.map(node, what);
    if (files.isEmpty()) {
      return Optional.empty();
    }
    check.onlyKnownKeys(files.get(), what, NODE_CERTIFICATE_KEYS);
    Optional<FileRef> cert = requiredIn(files.get(), "certificate", what).flatMap(n -> file(n, what + ".certificate"));
    Optional<FileRef> key = requiredIn(files.get(), "key", what).flatMap(n -> file(n, what + ".key"));
    return cert.isPresent() && key.isPresent()
        ? Optional.of(new TlsSettings.NodeCertificate(cert.get(), key.get()))
        : Optional.empty();
  }

  private Map<String, List<Named>> allowedCallers(YamlNode node) {
    Map<String, List<Named>> out = new LinkedHashMap<>();
    Optional<MapNode> map = check.map(node, "mesh.tls.allowedCallers");
    if (map.isEmpty()) {
      return out;
    }
    for (Entry entry : map.get().entries().values()) {
      List<Named> callers = new ArrayList<>();
      for (YamlNode item : check.listOrEmpty(entry.value(), "mesh.tls.allowedCallers." + entry.key())) {
        check.text(item, "a caller").ifPresent(name -> callers.add(new Named(name, item.location())));
      }
      out.put(entry.key(), callers);
    }
    return out;
  }

  /** A non-negative integer id (uid, gid, a number of days). */
  private OptionalInt id(YamlNode node, String what) {
    if (node instanceof Scalar scalar && scalar.text().matches("[0-9]{1,9}")) {
      return OptionalInt.of(Integer.parseInt(scalar.text()));
    }
    diagnostics.error(node.location(), what + " must be a non-negative integer, got "
        + (node instanceof Scalar s ? "\"" + s.text() + "\"" : node.kindName()));
    return OptionalInt.empty();
  }

  private Optional<YamlNode> required(MapNode map, String key) {
    return requiredIn(map, key, "mesh.tls");
  }

  private Optional<YamlNode> requiredIn(MapNode map, String key, String what) {
    return check.required(map, key, what);
  }
}
