package dev.bent.source;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.bent.diag.Diagnostics;
import dev.bent.diag.Location;
import dev.bent.model.Annotation;
import dev.bent.model.RouteEntry;
import dev.bent.model.RouteEntry.Match;
import dev.bent.model.RouteEntry.PathKind;
import dev.bent.model.RouteEntry.ValueKind;
import dev.bent.model.RouteEntry.ValueMatch;
import dev.bent.source.YamlNode.Entry;
import dev.bent.source.YamlNode.MapNode;
import dev.bent.source.YamlNode.Scalar;
import dev.bent.source.YamlNode.ScalarType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code routes:} list of a service (see {@link RouteEntry}). Shape, types and regular
 * expressions are checked here, with the place of each problem; which services the targets name is
 * checked by the resolver.
 *
 * <p>Reasoning: every regular expression is compiled with RE2J, the Java port of the RE2 syntax
 * that Envoy compiles {@code safe_regex} with at load, so an expression Envoy would refuse (a
 * back-reference, a look-ahead) fails the compile with its line instead of the listener at load.
 */
final class RouteReader {
  static final Set<String> POLICY_KEYS =
      Set.of("timeout", "enable-retry", "num-retries", "retry-on", "per-try-timeout");
  static final Set<String> ROUTE_KEYS = union(
      Set.of("match", "to", "split", "mirror", "rewrite"), POLICY_KEYS);
  static final Set<String> MATCH_KEYS = Set.of("prefix", "path", "regex", "headers", "query", "methods");
  static final Set<String> HEADER_KINDS = Set.of("exact", "prefix", "regex", "present", "absent");
  static final Set<String> QUERY_KINDS = Set.of("exact", "prefix", "regex", "present");
  static final Set<String> TARGET_KEYS = Set.of("service", "weight");
  static final Set<String> MIRROR_KEYS = Set.of("service", "percent");
  static final Set<String> REWRITE_KEYS = Set.of("prefix");
  private static final java.util.regex.Pattern TOKEN =
      java.util.regex.Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
  private static final java.util.regex.Pattern METHOD = java.util.regex.Pattern.compile("[A-Z]+");

  private final Diagnostics diagnostics;
  private final NodeChecks check;

  RouteReader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
    this.check = new NodeChecks(diagnostics);
  }

  /** The routes of {@code service}; an empty list is reported here, where it was written. */
  List<RouteEntry> read(String service, YamlNode node) {
    List<RouteEntry> out = new ArrayList<>();
    List<YamlNode> items = check.listOrEmpty(node, "routes");
    if (items.isEmpty()) {
      diagnostics.error(node.location(), "service \"" + service + "\" has an empty routes list; give it at least one"
          + " route (match: {prefix: /} takes every request) or remove \"routes\"");
    }
    for (YamlNode item : items) {
      check.map(item, "a route").flatMap(this::route).ifPresent(out::add);
    }
    return out;
  }

  private Optional<RouteEntry> route(MapNode map) {
    check.onlyKnownKeys(map, "a route", ROUTE_KEYS);
    Match match = value(map, "match").flatMap(this::match)
        .orElse(new Match(PathKind.PREFIX, "/", map.location(), List.of(), List.of(), List.of(), map.location()));
    if (value(map, "match").isEmpty()) {
      diagnostics.error(map.location(), "a route needs \"match\"; write match: {prefix: /} to take every request");
    }
    Optional<YamlNode> to = value(map, "to");
    Optional<YamlNode> split = value(map, "split");
    List<RouteEntry.Target> targets = new ArrayList<>();
    if (to.isPresent() == split.isPresent()) {
      diagnostics.error(map.location(), "a route needs exactly one of \"to\" (one service) or \"split\" (weighted services)");
    } else if (to.isPresent()) {
      check.text(to.get(), "route target \"to\"")
          .ifPresent(s -> targets.add(new RouteEntry.Target(s, 1, to.get().location())));
    } else {
      List<YamlNode> items = check.listOrEmpty(split.get(), "split");
      if (items.isEmpty()) {
        diagnostics.error(split.get().location(), "split needs at least one {service, weight}");
      }
      items.forEach(i -> check.map(i, "a split target").flatMap(this::target).ifPresent(targets::add));
    }
    Optional<RouteEntry.Mirror> mirror = value(map, "mirror").flatMap(this::mirror);
    Optional<String> rewrite = value(map, "rewrite").flatMap(n -> rewrite(n, match));
    List<Annotation> policy = new ArrayList<>();
    for (Entry entry : map.entries().values()) {
      if (!POLICY_KEYS.contains(entry.key())) {
        continue;
      }
      if (entry.value() instanceof Scalar s && !s.isNull()) {
        policy.add(new Annotation(entry.key(), s.text(), entry.keyLocation()));
      } else {
        diagnostics.error(entry.value().location(),
            "route " + entry.key() + " must be a string or a number, got " + entry.value().kindName());
      }
    }
    if (targets.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RouteEntry(match, targets, split.isPresent(), mirror, rewrite, policy, map.location()));
  }

  private Optional<Match> match(YamlNode node) {
    Optional<MapNode> found = check.map(node, "match");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    MapNode map = found.get();
    check.onlyKnownKeys(map, "match", MATCH_KEYS);
    List<String> given = new ArrayList<>();
    for (String key : List.of("prefix", "path", "regex")) {
      if (map.entries().containsKey(key)) {
        given.add(key);
      }
    }
    if (given.size() > 1) {
      diagnostics.error(map.location(), "match takes one of prefix, path or regex, got " + String.join(" and ", given));
    }
    PathKind kind = PathKind.PREFIX;
    String path = "/";
    Location at = map.location();
    if (!given.isEmpty()) {
      String key = given.get(0);
      YamlNode value = value(map, key).get();
      at = value.location();
      kind = PathKind.valueOf(key.toUpperCase(Locale.ROOT));
      Optional<String> text = check.text(value, "match." + key);
      if (text.isPresent()) {
        path = text.get();
        if (kind == PathKind.REGEX) {
          regex(path, "match.regex", at);
        } else if (!path.startsWith("/")) {
          diagnostics.error(at, "match." + key + " must start with \"/\", got \"" + path + "\"");
        }
      }
    }
    List<ValueMatch> headers = value(map, "headers").map(n -> values(n, "header", HEADER_KINDS)).orElse(List.of());
    List<ValueMatch> query = value(map, "query").map(n -> values(n, "query parameter", QUERY_KINDS)).orElse(List.of());
    List<String> methods = value(map, "methods").map(this::methods).orElse(List.of());
    return Optional.of(new Match(kind, path, at, headers, query, methods, map.location()));
  }

  /** {@code name: value} (exact) or {@code name: {exact|prefix|regex: value}} or {present|absent: true}. */
  private List<ValueMatch> values(YamlNode node, String what, Set<String> kinds) {
    List<ValueMatch> out = new ArrayList<>();
    Optional<MapNode> found = check.map(node, what + " matches");
    if (found.isEmpty()) {
      return out;
    }
    for (Entry entry : found.get().entries().values()) {
      String name = entry.key();
      if (!TOKEN.matcher(name).matches()) {
        diagnostics.error(entry.keyLocation(), what + " name \"" + name + "\" is not a valid HTTP token");
        continue;
      }
      String lower = what.equals("header") ? name.toLowerCase(Locale.ROOT) : name;
      if (entry.value() instanceof Scalar) {
        check.text(entry.value(), what + " \"" + name + "\"")
            .ifPresent(v -> out.add(new ValueMatch(lower, ValueKind.EXACT, v, entry.keyLocation())));
        continue;
      }
      Optional<MapNode> spec = check.map(entry.value(), what + " \"" + name + "\"");
      if (spec.isEmpty()) {
        continue;
      }
      check.onlyKnownKeys(spec.get(), what + " \"" + name + "\"", kinds);
      if (spec.get().entries().size() != 1) {
        diagnostics.error(spec.get().location(), what + " \"" + name + "\" needs exactly one of "
            + String.join(", ", kinds.stream().sorted().toList()));
        continue;
      }
      Entry only = spec.get().entries().values().iterator().next();
      if (!kinds.contains(only.key())) {
        continue;
      }
      ValueKind kind = ValueKind.valueOf(only.key().toUpperCase(Locale.ROOT));
      String where = what + " \"" + name + "\" " + only.key();
      if (kind == ValueKind.PRESENT || kind == ValueKind.ABSENT) {
        if (!(only.value() instanceof Scalar s && s.type() == ScalarType.BOOLEAN && s.text().equals("true"))) {
          diagnostics.error(only.value().location(), where + " must be true (leave it out otherwise)");
          continue;
        }
        out.add(new ValueMatch(lower, kind, "", entry.keyLocation()));
        continue;
      }
      Optional<String> text = check.text(only.value(), where);
      if (text.isEmpty()) {
        continue;
      }
      if (kind == ValueKind.REGEX && !regex(text.get(), where, only.value().location())) {
        continue;
      }
      out.add(new ValueMatch(lower, kind, text.get(), entry.keyLocation()));
    }
    return out;
  }

  private List<String> methods(YamlNode node) {
    Set<String> out = new LinkedHashSet<>();
    for (YamlNode item : check.listOrEmpty(node, "methods")) {
      check.text(item, "a method").ifPresent(m -> {
        if (!METHOD.matcher(m).matches()) {
          diagnostics.error(item.location(), "method \"" + m + "\" must be an upper-case HTTP method such as GET");
        } else if (!out.add(m)) {
          diagnostics.error(item.location(), "method " + m + " is listed twice");
        }
      });
    }
    return List.copyOf(out);
  }

  private Optional<RouteEntry.Target> target(MapNode map) {
    check.onlyKnownKeys(map, "a split target", TARGET_KEYS);
    Optional<String> service = required(map, "service", "a split target").flatMap(n -> check.text(n, "split service"));
    Optional<YamlNode> weightNode = required(map, "weight", "a split target");
    Optional<Long> weight = weightNode.flatMap(n -> {
      if (n instanceof Scalar s && s.type() == ScalarType.INTEGER && s.text().matches("[0-9]{1,10}")) {
        long w = Long.parseLong(s.text());
        if (w >= 1 && w <= 0xFFFFFFFFL) {
          return Optional.of(w);
        }
      }
      diagnostics.error(n.location(), "split weight must be a whole number of at least 1, got "
          + (n instanceof Scalar s ? s.text() : n.kindName()));
      return Optional.empty();
    });
    if (service.isEmpty() || weight.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RouteEntry.Target(service.get(), weight.get(), map.location()));
  }

  private Optional<RouteEntry.Mirror> mirror(YamlNode node) {
    Optional<MapNode> found = check.map(node, "mirror");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    MapNode map = found.get();
    check.onlyKnownKeys(map, "mirror", MIRROR_KEYS);
    Optional<String> service = required(map, "service", "mirror").flatMap(n -> check.text(n, "mirror service"));
    double percent = value(map, "percent").map(n -> check.percent(n, "mirror.percent")).orElse(100.0);
    if (percent <= 0) {
      diagnostics.error(value(map, "percent").get().location(),
          "mirror.percent must be more than 0; leave the mirror out to mirror nothing");
    }
    return service.map(s -> new RouteEntry.Mirror(s, percent, map.location()));
  }

  private Optional<String> rewrite(YamlNode node, Match match) {
    Optional<MapNode> found = check.map(node, "rewrite");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    check.onlyKnownKeys(found.get(), "rewrite", REWRITE_KEYS);
    Optional<YamlNode> prefixNode = required(found.get(), "prefix", "rewrite");
    Optional<String> prefix = prefixNode.flatMap(n -> check.text(n, "rewrite.prefix"));
    if (prefix.isPresent() && !prefix.get().startsWith("/")) {
      diagnostics.error(prefixNode.get().location(), "rewrite.prefix must start with \"/\", got \"" + prefix.get() + "\"");
      return Optional.empty();
    }
    if (prefix.isPresent() && match.pathKind() == PathKind.REGEX) {
      diagnostics.error(found.get().location(),
          "rewrite.prefix replaces the matched prefix or path, so it needs match.prefix or match.path, not match.regex");
      return Optional.empty();
    }
    return prefix;
  }

  /** Compiles {@code regex} with RE2 syntax; reports and returns false when it is not valid RE2. */
  private boolean regex(String regex, String what, Location at) {
    try {
      Pattern.compile(regex);
      return true;
    } catch (PatternSyntaxException e) {
      diagnostics.error(at, what + " is not a valid RE2 regular expression: " + e.getDescription()
          + (e.getPattern() == null || e.getPattern().isEmpty() ? "" : " (at \"" + e.getPattern() + "\")"));
      return false;
    }
  }

  private Optional<YamlNode> required(MapNode map, String key, String what) {
    return check.required(map, key, what);
  }

  private static Optional<YamlNode> value(MapNode map, String key) {
    return MeshSettingsReader.value(map, key);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new java.util.HashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }
}
