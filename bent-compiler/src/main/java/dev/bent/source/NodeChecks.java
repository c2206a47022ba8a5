package dev.bent.source;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.Suggestions;
import dev.bent.source.YamlNode.Entry;
import dev.bent.source.YamlNode.ListNode;
import dev.bent.source.YamlNode.MapNode;
import dev.bent.source.YamlNode.Scalar;
import dev.bent.source.YamlNode.ScalarType;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Type checks on {@link YamlNode}s that report a located error instead of throwing. */
final class NodeChecks {
  private final Diagnostics diagnostics;

  NodeChecks(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  Optional<MapNode> map(YamlNode node, String what) {
    if (node instanceof MapNode map) {
      return Optional.of(map);
    }
    wrongType(node, what, "a map");
    return Optional.empty();
  }

  /** A list, or empty for null (an absent list is an empty one). */
  List<YamlNode> listOrEmpty(YamlNode node, String what) {
    if (node instanceof ListNode list) {
      return list.items();
    }
    if (node instanceof Scalar scalar && scalar.isNull()) {
      return List.of();
    }
    wrongType(node, what, "a list");
    return List.of();
  }

  /** Reports every key that is not one of {@code known}, with a did-you-mean hint. */
  void onlyKnownKeys(MapNode map, String what, Set<String> known) {
    for (Entry entry : map.entries().values()) {
      if (!known.contains(entry.key())) {
        diagnostics.error(
            entry.keyLocation(),
            "unknown key \""
                + entry.key()
                + "\" in "
                + what
                + Suggestions.didYouMean(entry.key(), known)
                + "; valid keys: "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  /** A non-empty string scalar (numbers are accepted as their text). */
  Optional<String> text(YamlNode node, String what) {
    if (node instanceof Scalar scalar
        && scalar.type() != ScalarType.NULL
        && scalar.type() != ScalarType.BOOLEAN) {
      if (scalar.text().isBlank()) {
        diagnostics.error(node.location(), what + " must not be empty");
        return Optional.empty();
      }
      return Optional.of(scalar.text());
    }
    wrongType(node, what, "a string");
    return Optional.empty();
  }

  /** A TCP port: an integer (or a string of digits) in [1, 65535]. */
  OptionalInt port(YamlNode node, String what) {
    if (node instanceof Scalar scalar
        && (scalar.type() == ScalarType.INTEGER
            || (scalar.type() == ScalarType.STRING && scalar.text().matches("[0-9]{1,10}")))) {
      long value = Long.parseLong(scalar.text());
      if (value < 1 || value > 65535) {
        diagnostics.error(node.location(), what + " must be in [1, 65535], got " + value);
        return OptionalInt.empty();
      }
      return OptionalInt.of((int) value);
    }
    wrongType(node, what, "a port number");
    return OptionalInt.empty();
  }

  /** A YAML boolean; reports and returns true otherwise. */
  boolean bool(YamlNode node, String what) {
    if (node instanceof Scalar scalar && scalar.type() == ScalarType.BOOLEAN) {
      return Boolean.parseBoolean(scalar.text());
    }
    wrongType(node, what, "true or false");
    return true;
  }

  /** A number in [0, 100]; reports and returns 100 otherwise. */
  double percent(YamlNode node, String what) {
    if (node instanceof Scalar scalar
        && (scalar.type() == ScalarType.INTEGER || scalar.type() == ScalarType.FLOAT)) {
      double value = Double.parseDouble(scalar.text());
      if (value >= 0 && value <= 100) {
        return value;
      }
      diagnostics.error(node.location(), what + " must be a percentage from 0 to 100, got " + scalar.text());
      return 100;
    }
    wrongType(node, what, "a percentage");
    return 100;
  }

  void missing(MapNode map, String key, String what) {
    diagnostics.error(map.location(), what + " needs \"" + key + "\"");
  }

  private void wrongType(YamlNode node, String what, String expected) {
    String got =
        node instanceof Scalar scalar && !scalar.isNull()
            ? node.kindName() + " (" + scalar.text() + ")"
            : node.kindName();
    diagnostics.error(node.location(), what + " must be " + expected + ", got " + got);
  }
}
