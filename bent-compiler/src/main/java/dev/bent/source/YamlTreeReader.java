package dev.bent.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bent.diag.Diagnostics;
import dev.bent.diag.Location;
import dev.bent.source.YamlNode.Entry;
import dev.bent.source.YamlNode.ListNode;
import dev.bent.source.YamlNode.MapNode;
import dev.bent.source.YamlNode.Scalar;
import dev.bent.source.YamlNode.ScalarType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads YAML text into a {@link YamlNode} tree that remembers the line and column of every key and
 * value.
 *
 * <p>Reasoning: Jackson's data binding drops locations, and bent's errors must say
 * {@code file:line:column}; so the tree is built from Jackson's token stream, which has them.
 * Duplicate keys are reported here (YAML forbids them, many parsers silently keep the last).
 */
public final class YamlTreeReader {
  private static final YAMLFactory FACTORY = YAMLFactory.builder().enable(com.fasterxml.jackson.dataformat.yaml.YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();

  private final String origin;
  private final Diagnostics diagnostics;

  private YamlTreeReader(String origin, Diagnostics diagnostics) {
    this.origin = origin;
    this.diagnostics = diagnostics;
  }

  /**
   * Parses {@code text}; an empty document is a null scalar. A syntax error is reported into
   * {@code diagnostics} and yields an empty result.
   */
  public static Optional<YamlNode> read(String origin, String text, Diagnostics diagnostics) {
    YamlTreeReader reader = new YamlTreeReader(origin, diagnostics);
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return Optional.of(new Scalar(Location.of(origin, 1, 1), "", ScalarType.NULL));
      }
      YamlNode root = reader.readValue(parser);
      if (parser.nextToken() != null) {
        diagnostics.error(reader.here(parser), "expected a single YAML document");
        return Optional.empty();
      }
      return Optional.of(root);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      Location location =
          at == null ? Location.of(origin) : Location.of(origin, at.getLineNr(), at.getColumnNr());
      diagnostics.error(location, "invalid YAML: " + firstLine(e.getOriginalMessage()));
      return Optional.empty();
    } catch (IOException e) {
      diagnostics.error(Location.of(origin), "cannot read YAML: " + e.getMessage());
      return Optional.empty();
    }
  }

  private YamlNode readValue(JsonParser parser) throws IOException {
    Location at = here(parser);
    JsonToken token = parser.currentToken();
    return switch (token) {
      case START_OBJECT -> readMap(parser, at);
      case START_ARRAY -> readList(parser, at);
      case VALUE_STRING -> new Scalar(at, parser.getText(), ScalarType.STRING);
      case VALUE_NUMBER_INT -> new Scalar(at, parser.getText(), ScalarType.INTEGER);
      case VALUE_NUMBER_FLOAT -> new Scalar(at, parser.getText(), ScalarType.FLOAT);
      case VALUE_TRUE, VALUE_FALSE -> new Scalar(at, parser.getText(), ScalarType.BOOLEAN);
      case VALUE_NULL -> new Scalar(at, "", ScalarType.NULL);
      default -> throw new IllegalStateException("unexpected YAML token " + token);
    };
  }

  private MapNode readMap(JsonParser parser, Location at) throws IOException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      Location keyLocation = here(parser);
      parser.nextToken();
      YamlNode value = readValue(parser);
      Entry previous = entries.get(key);
      if (previous != null) {
        diagnostics.error(
            keyLocation,
            "duplicate key \"" + key + "\" (first written at " + previous.keyLocation() + ")");
        continue;
      }
      entries.put(key, new Entry(key, keyLocation, value));
    }
    return new MapNode(at, entries);
  }

  private ListNode readList(JsonParser parser, Location at) throws IOException {
    List<YamlNode> items = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      items.add(readValue(parser));
    }
    return new ListNode(at, items);
  }

  private Location here(JsonParser parser) {
    JsonLocation location = parser.currentTokenLocation();
    return Location.of(origin, location.getLineNr(), location.getColumnNr());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "syntax error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
