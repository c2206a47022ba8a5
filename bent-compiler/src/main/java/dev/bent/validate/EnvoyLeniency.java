package dev.bent.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.Descriptors;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rewriter of the forms Envoy accepts in its JSON and YAML files but protobuf's strict JSON parser
 * refuses: enum names in another letter case ({@code http_json}) and a single object where a list
 * is expected. Each rewrite is reported, so that a validator can warn about it instead of calling
 * the file invalid. The tree is walked along the target descriptor, through {@code "@type"}.
 */
final class EnvoyLeniency {
  private final List<ParseProblem> rewrites = new ArrayList<>();

  private EnvoyLeniency() {}

  /** Rewrites {@code root} (a message of {@code type}) in place and returns what was rewritten. */
  static List<ParseProblem> normalize(JsonNode root, Descriptors.Descriptor type) {
    EnvoyLeniency leniency = new EnvoyLeniency();
    leniency.message(root, type, "");
    return List.copyOf(leniency.rewrites);
  }

  private void message(JsonNode node, Descriptors.Descriptor type, String path) {
    if (!(node instanceof ObjectNode object) || JsonForms.SPECIAL_JSON.contains(type.getFullName())) {
      return;
    }
    if (!type.getFullName().equals(JsonForms.ANY)) {
      fields(object, type, path);
      return;
    }
    JsonNode typeName = object.get(JsonForms.TYPE_KEY);
    Optional<Descriptors.Descriptor> content =
        typeName == null ? Optional.empty() : EnvoyTypes.descriptor(typeName.asText());
    if (content.isEmpty()) {
      return;
    }
    if (JsonForms.SPECIAL_JSON.contains(content.get().getFullName())) {
      return;
    }
    fields(object, content.get(), path);
  }

  private void fields(ObjectNode node, Descriptors.Descriptor type, String path) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      Descriptors.FieldDescriptor field = JsonForms.find(type, entry.getKey());
      if (field == null || entry.getValue().isNull()) {
        continue;
      }
      String at = Findings.field(path, field.getName());
      JsonNode value = entry.getValue();
      if (field.isMapField()) {
        mapValues(value, field.getMessageType().findFieldByNumber(2), at);
      } else if (field.isRepeated()) {
        if (value.isObject()) {
          ArrayNode list = JsonNodeFactory.instance.arrayNode().add(value);
          entry.setValue(list);
          value = list;
          rewrites.add(new ParseProblem(at, "a single object where a list is expected; Envoy accepts it,"
              + " but write a list"));
        }
        if (value instanceof ArrayNode list) {
          for (int i = 0; i < list.size(); i++) {
            element(field, list, i, Findings.index(at, i));
          }
        }
      } else {
        JsonNode fixed = single(field, value, at);
        if (fixed != value) {
          entry.setValue(fixed);
        }
      }
    }
  }

  private void mapValues(JsonNode map, Descriptors.FieldDescriptor valueField, String path) {
    if (!(map instanceof ObjectNode object)) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode fixed = single(valueField, entry.getValue(), Findings.key(path, entry.getKey()));
      if (fixed != entry.getValue()) {
        entry.setValue(fixed);
      }
    }
  }

  private void element(Descriptors.FieldDescriptor field, ArrayNode list, int index, String path) {
    JsonNode fixed = single(field, list.get(index), path);
    if (fixed != list.get(index)) {
      list.set(index, fixed);
    }
  }

  /** Walks a message value or fixes an enum name; returns the node to keep. */
  private JsonNode single(Descriptors.FieldDescriptor field, JsonNode value, String path) {
    if (field.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE) {
      message(value, field.getMessageType(), path);
      return value;
    }
    if (field.getJavaType() != Descriptors.FieldDescriptor.JavaType.ENUM || !value.isTextual()) {
      return value;
    }
    Descriptors.EnumDescriptor type = field.getEnumType();
    String name = value.asText();
    if (type.findValueByName(name) != null) {
      return value;
    }
    for (Descriptors.EnumValueDescriptor candidate : type.getValues()) {
      if (candidate.getName().equalsIgnoreCase(name)) {
        rewrites.add(new ParseProblem(path, "enum value \"" + name + "\" is accepted by Envoy in any letter"
            + " case, but write " + candidate.getName()));
        return TextNode.valueOf(candidate.getName());
      }
    }
    return value;
  }
}
