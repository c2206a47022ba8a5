package dev.bent.source;

import dev.bent.diag.Location;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the place it was written, so that every later error can point at its line and
 * column. Produced by {@link YamlTreeReader}.
 */
public sealed interface YamlNode {
  Location location();

  /** What a user would call this node in an error message ("a map", "a list", "a string"). */
  String kindName();

  /** A mapping; keys keep their written order and their own location. */
  record MapNode(Location location, Map<String, Entry> entries) implements YamlNode {
    public MapNode {
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public String kindName() {
      return "a map";
    }
  }

  /** One key of a mapping, with where the key itself was written. */
  record Entry(String key, Location keyLocation, YamlNode value) {}

  /** A sequence. */
  record ListNode(Location location, List<YamlNode> items) implements YamlNode {
    public ListNode {
      items = List.copyOf(items);
    }

    @Override
    public String kindName() {
      return "a list";
    }
  }

  /** A scalar: its text as written and the type YAML gave it. */
  record Scalar(Location location, String text, ScalarType type) implements YamlNode {
    public boolean isNull() {
      return type == ScalarType.NULL;
    }

    @Override
    public String kindName() {
      return switch (type) {
        case STRING -> "a string";
        case INTEGER -> "an integer";
        case FLOAT -> "a number";
        case BOOLEAN -> "a boolean";
        case NULL -> "null";
      };
    }
  }

  /** The types YAML 1.1/1.2 core schema gives plain scalars, as Jackson reports them. */
  enum ScalarType {
    STRING,
    INTEGER,
    FLOAT,
    BOOLEAN,
    NULL
  }
}
