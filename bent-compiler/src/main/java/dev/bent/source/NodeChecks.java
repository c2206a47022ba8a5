package dev.bent.source;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.Suggestions;
import dev.bent.source.YamlNode.Entry;
import dev.bent.source.YamlNode.ListNode;
import dev.bent.source.YamlNode.MapNode;
import dev.bent.source.YamlNode.Scalar;
import dev.bent.source.YamlNode.ScalarType;
import dev.bent.value.Numbers;
import dev.bent.value.Texts;
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
                + Texts.shorten(entry.key())
                + "\" in "
                + what
                + Suggestions.didYouMean(entry.key(), known)
                + "; valid keys: "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  /**
   * One of the words of {@code choices}, by its text; another word is an error that lists them
   * (for example {@code mesh.tls.mode must be "strict" or "permissive", got "loose"}).
   */
  <E> Optional<E> choice(YamlNode node, String what, java.util.LinkedHashMap<String, E> choices) {
    Optional<String> text = text(node, what);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    E chosen = choices.get(text.get());
    if (chosen == null) {
      diagnostics.error(node.location(), what + " must be " + String.join(" or ",
          choices.keySet().stream().map(w -> "\"" + w + "\"").toList()) + ", got \"" + text.get() + "\"");
    }
    return Optional.ofNullable(chosen);
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

  /** A TCP port: an integer in [1, 65535], written as {@link Numbers} defines (quoted or not). */
  OptionalInt port(YamlNode node, String what) {
    if (!looksNumeric(node)) {
      wrongType(node, what, "a port number");
      return OptionalInt.empty();
    }
    String text = ((Scalar) node).text();
    try {
      return OptionalInt.of((int) Numbers.integer(text, 1, 65535));
    } catch (IllegalArgumentException e) {
      diagnostics.error(node.location(), what + " " + (Numbers.isInteger(text)
          ? "must be in [1, 65535], got " + Texts.shorten(text.strip())
          : e.getMessage()));
      return OptionalInt.empty();
    }
  }

  /**
   * A YAML boolean written {@code true} or {@code false}; reports and returns true otherwise.
   * YAML 1.1's other booleans ({@code yes}, {@code on}, ...) are refused: YAML 1.2 reads them as
   * strings, so their meaning depends on the tool.
   */
  boolean bool(YamlNode node, String what) {
    if (node instanceof Scalar scalar && scalar.type() == ScalarType.BOOLEAN) {
      String text = scalar.text().toLowerCase(java.util.Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return Boolean.parseBoolean(text);
      }
      diagnostics.error(node.location(), what + " must be true or false, got \"" + scalar.text()
          + "\" (YAML 1.1 reads yes, no, on and off as booleans; bent does not)");
      return true;
    }
    wrongType(node, what, "true or false");
    return true;
  }

  /** A number in [0, 100]; reports and returns 100 otherwise. */
  double percent(YamlNode node, String what) {
    if (!looksNumeric(node)) {
      wrongType(node, what, "a percentage");
      return 100;
    }
    String text = ((Scalar) node).text();
    try {
      return Numbers.decimal(text, 0, 100);
    } catch (IllegalArgumentException e) {
      diagnostics.error(node.location(), what + " " + (Numbers.isDecimal(text)
          ? "must be a percentage from 0 to 100, got " + Texts.shorten(text.strip())
          : e.getMessage()));
      return 100;
    }
  }

  /**
   * A scalar that is written like a number (YAML typed it one, or it starts like one), so that
   * {@link Numbers} says what is wrong with it; anything else is the wrong type.
   */
  private static boolean looksNumeric(YamlNode node) {
    if (!(node instanceof Scalar scalar)) {
      return false;
    }
    String text = scalar.text().strip();
    return scalar.type() == ScalarType.INTEGER
        || scalar.type() == ScalarType.FLOAT
        || (scalar.type() == ScalarType.STRING && !text.isEmpty() && "+-.0123456789".indexOf(text.charAt(0)) >= 0);
  }

  void missing(MapNode map, String key, String what) {
    diagnostics.error(map.location(), what + " needs \"" + key + "\"");
  }

  /** The value of {@code key} in {@code map}; an error naming {@code what} when it is absent or null. */
  Optional<YamlNode> required(MapNode map, String key, String what) {
    Entry entry = map.entries().get(key);
    if (entry == null || (entry.value() instanceof Scalar s && s.isNull())) {
      missing(map, key, what);
      return Optional.empty();
    }
    return Optional.of(entry.value());
  }

  private void wrongType(YamlNode node, String what, String expected) {
    String got =
        node instanceof Scalar scalar && !scalar.isNull()
            ? node.kindName() + " (" + Texts.shorten(scalar.text()) + ")"
            : node.kindName();
    diagnostics.error(node.location(), what + " must be " + expected + ", got " + got);
  }
}
